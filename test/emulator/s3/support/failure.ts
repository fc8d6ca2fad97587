// Awaits an SDK call that must fail and returns the typed S3 error it failed with.
import { S3ServiceException } from '@aws-sdk/client-s3';

export async function s3Failure(promise: Promise<unknown>): Promise<S3ServiceException> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof S3ServiceException)) {
    throw new Error(`expected an S3 service error, got ${String(error)}`);
  }
  return error;
}
