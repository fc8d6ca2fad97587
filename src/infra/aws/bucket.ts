// Creates the payload bucket when it is missing (idempotent).

import {
  BucketAlreadyOwnedByYou,
  type BucketLocationConstraint,
  CreateBucketCommand,
  HeadBucketCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

export async function ensureBucket(s3: S3Client, bucket: string, region: string): Promise<void> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return;
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status !== 404 && (error as Error).name !== 'NotFound') throw error;
  }
  try {
    await s3.send(
      new CreateBucketCommand({
        Bucket: bucket,
        // us-east-1 is the one region that must not be named as a location constraint.
        ...(region === 'us-east-1'
          ? {}
          : {
              CreateBucketConfiguration: {
                // The SDK's union lists known regions; newer ones are valid too.
                LocationConstraint: region as BucketLocationConstraint,
              },
            }),
      }),
    );
  } catch (error) {
    if (error instanceof BucketAlreadyOwnedByYou) return;
    throw error;
  }
}
