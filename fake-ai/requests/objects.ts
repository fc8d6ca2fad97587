// Writing a task's result objects to S3, with the profile's object faults (missing, corrupt,
// oversize) applied. Well-formed objects are validated against the contracts before writing.
import { validateGraphOutputStrict, validateSummaryStrict } from '../../src/contracts/index.ts';
import type { BehaviourProfile } from '../profiles/profile.ts';
import type { HandlerDeps, Log } from './deps.ts';
import { realObject } from './real-dialect.ts';
import { putText } from './storage.ts';
import type { OutputObject } from './tasks.ts';

export async function writeObjects(
  objects: OutputObject[],
  profile: BehaviourProfile,
  deps: HandlerDeps,
  log: Log,
): Promise<void> {
  if (profile.resultObject === 'missing') {
    log({
      kind: 'behaviour',
      detail: { resultObject: 'missing', skipped: objects.map((o) => o.key) },
    });
    return;
  }
  for (const object of objects) {
    checkObject(object);
    const value =
      profile.dialect === 'real'
        ? realObject(object.role, object.value, deps.clock.now())
        : object.value;
    let body = JSON.stringify(value);
    if (profile.resultObject === 'corrupt') body = body.slice(0, Math.floor(body.length / 2));
    if (profile.oversize.target === 'object' && object.role === 'graph') {
      const padding = profile.oversize.bytes - Buffer.byteLength(body, 'utf8');
      if (padding > 0) body += ' '.repeat(padding);
    }
    await putText(deps.s3, object.bucket, object.key, body);
    log({
      kind: 'object-written',
      detail: {
        role: object.role,
        bucket: object.bucket,
        key: object.key,
        bytes: Buffer.byteLength(body, 'utf8'),
        corrupt: profile.resultObject === 'corrupt',
      },
    });
  }
}

/** The fake AI validates what it writes: a failure here is a bug in the fake, not an injection. */
function checkObject(object: OutputObject): void {
  const verdict =
    object.role === 'summary'
      ? validateSummaryStrict(object.value)
      : object.role === 'features' || object.role === 'standardized'
        ? { ok: true as const }
        : validateGraphOutputStrict(object.value);
  if (!verdict.ok) throw verdict.error;
}
