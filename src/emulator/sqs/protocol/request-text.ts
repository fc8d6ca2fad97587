// What both SQS codecs read off a request before decoding its parameters: the body as strict
// UTF-8 (invalid bytes are the client's error, never silently replaced) and the X-Ray trace header.
import type { EmulatorRequest } from '../../http/types.ts';
import { SqsError } from '../domain/errors.ts';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text; a body that is not UTF-8 is refused. */
export function utf8Body(body: Buffer, what: string): string {
  try {
    return UTF8.decode(body);
  } catch {
    throw new SqsError('MalformedRequest', `The ${what} is not valid UTF-8.`);
  }
}

/** The `X-Amzn-Trace-Id` header SQS stores as a sent message's AWSTraceHeader. */
export function traceHeader(req: EmulatorRequest): string | undefined {
  const value = req.headers['x-amzn-trace-id'];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
