// The heartbeat: while a request is being worked on, extend its visibility every `everyMs` on the
// clock (ChangeMessageVisibility), as long-running consumers must so SQS does not redeliver.
import { ChangeMessageVisibilityCommand, type Message } from '@aws-sdk/client-sqs';
import type { BehaviourProfile } from '../profiles/profile.ts';
import { describeError, type HandlerDeps, type Log } from './deps.ts';

/** Starts the profile's heartbeat (if any); returns the function that stops it. */
export function startHeartbeat(
  message: Message,
  profile: BehaviourProfile,
  deps: HandlerDeps,
  log: Log,
): () => void {
  const { heartbeat } = profile;
  if (!heartbeat) return () => {};
  let timer: { cancel(): void } | undefined;
  let stopped = false;
  const tick = () => {
    timer = deps.clock.schedule(deps.clock.now() + heartbeat.everyMs, () => {
      if (stopped) return;
      deps.sqs
        .send(
          new ChangeMessageVisibilityCommand({
            QueueUrl: deps.requestQueueUrl,
            ReceiptHandle: message.ReceiptHandle,
            VisibilityTimeout: heartbeat.extendSeconds,
          }),
        )
        .then(
          () => log({ kind: 'visibility-extended', detail: { seconds: heartbeat.extendSeconds } }),
          (error: unknown) =>
            log({ kind: 'error', detail: { during: 'heartbeat', error: describeError(error) } }),
        );
      tick();
    });
  };
  tick();
  return () => {
    stopped = true;
    timer?.cancel();
  };
}
