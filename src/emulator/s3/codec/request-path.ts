// Path-style addressing: `/{bucket}/{key...}` with the key percent-decoded as UTF-8 and kept
// byte-for-byte otherwise (double slashes, `..` segments and `+` are part of the key on S3).
import { S3ProtocolError } from './protocol-error.ts';

export interface S3Target {
  bucket: string | undefined;
  key: string | undefined;
}

function decode(raw: string): string {
  try {
    // decodeURIComponent rejects both malformed escapes and escapes that are not valid UTF-8.
    return decodeURIComponent(raw);
  } catch {
    throw new S3ProtocolError('InvalidURI', undefined, { URI: raw });
  }
}

export function parseTarget(rawPath: string): S3Target {
  if (!rawPath.startsWith('/'))
    throw new S3ProtocolError('InvalidURI', undefined, { URI: rawPath });
  const rest = rawPath.slice(1);
  if (rest === '') return { bucket: undefined, key: undefined };
  const slash = rest.indexOf('/');
  const bucket = decode(slash === -1 ? rest : rest.slice(0, slash));
  const rawKey = slash === -1 ? '' : rest.slice(slash + 1);
  return { bucket, key: rawKey === '' ? undefined : decode(rawKey) };
}
