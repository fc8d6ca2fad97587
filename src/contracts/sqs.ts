// How a contract message travels on SQS: the JSON body plus the contractVersion attribute.
// Transport-neutral (no SDK import); the SQS adapters pass these fields to SendMessage.
import type { ContractMessage } from './task-types.ts';
import { validateOutgoing } from './validator.ts';
import { contractMessageAttributes } from './version.ts';

export interface EncodedContractMessage {
  body: string;
  attributes: ReturnType<typeof contractMessageAttributes>;
}

/** Validates strictly and serialises; throws ContractViolationError if the message is off-contract. */
export function encodeForSqs(message: ContractMessage): EncodedContractMessage {
  return {
    body: JSON.stringify(validateOutgoing(message)),
    attributes: contractMessageAttributes(),
  };
}
