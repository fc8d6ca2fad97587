// An error detected while decoding an S3 request: a wire code, an optional specific message, and
// the extra elements S3 puts in its <Error> document (BucketName, Key, ArgumentName, ...).
import type { S3ErrorCode } from './error-table.ts';

export class S3ProtocolError extends Error {
  readonly code: S3ErrorCode;
  /** A message more specific than the table's default, if any. */
  readonly detail: string | undefined;
  readonly fields: Record<string, string>;

  constructor(code: S3ErrorCode, detail?: string, fields: Record<string, string> = {}) {
    super(detail ?? code);
    this.name = 'S3ProtocolError';
    this.code = code;
    this.detail = detail;
    this.fields = fields;
  }
}
