// Queue URLs: built from the Host the client used (the JS SDK v3 sends each call to the host of
// the QueueUrl, so URLs must lead back to this emulator on whatever port it runs), and parsed back
// to a queue name, and the region when the URL names one, from any of the forms clients send.
// The emulator's own region keeps the plain form `/000000000000/{name}`; other regions put their
// name first: `/{region}/000000000000/{name}`.
import { queueDoesNotExist } from '../domain/errors.ts';
import { ACCOUNT_ID, REGION_PATTERN } from '../domain/limits.ts';

/** `region` undefined: the emulator's own region (the plain form). */
export function queueUrl(baseUrl: string, name: string, region?: string): string {
  return region === undefined
    ? `${baseUrl}/${ACCOUNT_ID}/${name}`
    : `${baseUrl}/${region}/${ACCOUNT_ID}/${name}`;
}

export interface QueueAddress {
  name: string;
  /** The region the URL names; undefined for the plain form and for a bare name. */
  region: string | undefined;
  /** A bare queue name rather than a URL (AWS takes one in QueueUrl). */
  bare: boolean;
}

/**
 * Accepts `http://host/000000000000/name`, `http://host/{region}/000000000000/name`, the same
 * paths without scheme and host, LocalStack's `/queue/{region}/...` and the bare queue name.
 */
export function parseQueueUrl(url: string): QueueAddress {
  if (url.length > 0 && !url.includes('/')) return { name: url, region: undefined, bare: true };
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
  const region = segments.at(-3);
  let name: string;
  try {
    name = decodeURIComponent(last);
  } catch {
    throw queueDoesNotExist();
  }
  return {
    name,
    region: region !== undefined && REGION_PATTERN.test(region) ? region : undefined,
    bare: false,
  };
}

export function queueNameFromUrl(url: string): string {
  return parseQueueUrl(url).name;
}
