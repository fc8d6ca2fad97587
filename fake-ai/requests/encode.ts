// Turns a contract message into the SQS body the fake AI sends, applying the profile's
// malformation or oversize fault. Well-formed messages go through the shared contract encoder, so
// the fake AI can never emit an off-contract message by accident, only when told to.
import { type ContractMessage, encodeForSqs } from '../../src/contracts/index.ts';
import type { BehaviourProfile } from '../profiles/profile.ts';

export function encodeResult(message: ContractMessage, profile: BehaviourProfile): string {
  const body = malform(message, profile);
  if (profile.oversize.target !== 'message') return body;
  // Trailing whitespace keeps the JSON (and the contract) valid while passing the size limit.
  const padding = profile.oversize.bytes - Buffer.byteLength(body, 'utf8');
  return padding > 0 ? body + ' '.repeat(padding) : body;
}

function malform(message: ContractMessage, profile: BehaviourProfile): string {
  const { payload } = message;
  switch (profile.malformed) {
    case 'none':
      return encodeForSqs(message).body;
    case 'invalid-json': {
      const text = JSON.stringify(message);
      return text.slice(0, Math.floor(text.length / 2));
    }
    case 'schema-violation':
      return JSON.stringify({ ...message, payload: { ...payload, status: 'SUCCEEDED' } });
    case 'snake-case': {
      if (!('userId' in payload))
        return JSON.stringify({ ...message, payload: { ...payload, userId: payload.user_id } });
      const { userId, ...rest } = payload;
      return JSON.stringify({ ...message, payload: { user_id: userId, ...rest } });
    }
    case 'wrong-task-type':
      return JSON.stringify({
        ...message,
        taskType: message.taskType.replace(/_RESULT$/, '_DONE'),
      });
  }
}
