// Queue URLs: built from the Host the client used (the JS SDK v3 sends each call to the host of
// the QueueUrl, so URLs must lead back to this emulator on whatever port it runs), and parsed back
// to a queue name from any of the URL forms clients send.
import { queueDoesNotExist } from '../domain/errors.ts';
import { ACCOUNT_ID } from '../domain/limits.ts';

export function queueUrl(baseUrl: string, name: string): string {
  return `${baseUrl}/${ACCOUNT_ID}/${name}`;
}

/**
 * Accepts `http://host/000000000000/name`, `/000000000000/name`, LocalStack's `/queue/...` and,
 * as AWS does, the bare queue name.
 */
export function queueNameFromUrl(url: string): string {
  if (url.length > 0 && !url.includes('/')) return url;
  let path = url;
  if (/^https?:\/\//i.test(url)) {
    try {
      path = new URL(url).pathname;
    } catch {
      throw queueDoesNotExist();
    }
  }
  const segments = path.split('/').filter((s) => s.length > 0);
  const last = segments.at(-1);
  if (last === undefined || segments.length < 2) throw queueDoesNotExist();
  try {
    return decodeURIComponent(last);
  } catch {
    throw queueDoesNotExist();
  }
}
