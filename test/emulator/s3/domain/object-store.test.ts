// The in-memory object store without HTTP: listings kept current, the domain error for each
// misuse, bucket listing and reset.
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../../../src/emulator/s3/domain/errors.ts';
import { ObjectStore } from '../../../../src/emulator/s3/domain/object-store.ts';
import type { ListQuery, ObjectWrite } from '../../../../src/emulator/s3/domain/types.ts';

const ALL: ListQuery = {
  prefix: '',
  delimiter: '',
  maxKeys: 1000,
  startAfter: '',
  resumeAfter: '',
};

function write(text: string): ObjectWrite {
  return {
    body: Buffer.from(text),
    headers: { contentType: 'text/plain' },
    metadata: {},
    checksum: undefined,
  };
}

function kindOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof StoreError) return error.kind;
    throw error;
  }
  return 'none';
}

describe('ObjectStore', () => {
  it('keeps listings current across puts, overwrites and deletes', () => {
    let now = Date.UTC(2026, 0, 1, 0, 0, 0, 999);
    const store = new ObjectStore(() => now);
    store.createBucket('payloads', 'us-east-1');
    const keys = () => store.listObjects('payloads', ALL).contents.map((object) => object.key);
    store.putObject('payloads', 'b', write('1'));
    expect(keys()).toEqual(['b']);
    store.putObject('payloads', 'a', write('2'));
    expect(keys()).toEqual(['a', 'b']);
    now += 5000;
    store.putObject('payloads', 'a', write('3'));
    const listed = store.listObjects('payloads', ALL).contents[0];
    expect(listed?.body.toString()).toBe('3');
    // Whole seconds, as S3 reports Last-Modified.
    expect(listed?.lastModified).toBe(Date.UTC(2026, 0, 1, 0, 0, 5));
    store.deleteObject('payloads', 'b');
    expect(keys()).toEqual(['a']);
  });

  it('raises the domain error S3 would for each misuse', () => {
    const store = new ObjectStore(() => 0);
    store.createBucket('payloads', 'us-east-1');
    store.putObject('payloads', 'k', write('x'));
    store.createBucket('eu-payloads', 'eu-west-1');
    expect(kindOf(() => store.createBucket('eu-payloads', 'eu-west-1'))).toBe(
      'BucketAlreadyOwnedByYou',
    );
    expect(kindOf(() => store.createBucket('eu-payloads', 'us-east-1'))).toBe(
      'BucketAlreadyOwnedByYou',
    );
    // us-east-1's legacy answer: re-creating an owned bucket there succeeds and changes nothing.
    expect(kindOf(() => store.createBucket('payloads', 'us-east-1'))).toBe('none');
    expect(store.listObjects('payloads', ALL).contents.map((object) => object.key)).toEqual(['k']);
    expect(kindOf(() => store.createBucket('No', 'us-east-1'))).toBe('InvalidBucketName');
    expect(kindOf(() => store.deleteBucket('payloads'))).toBe('BucketNotEmpty');
    expect(kindOf(() => store.getObject('payloads', 'missing'))).toBe('NoSuchKey');
    expect(kindOf(() => store.getObject('absent-bucket', 'k'))).toBe('NoSuchBucket');
    expect(kindOf(() => store.getObject('Bad_Name', 'k'))).toBe('InvalidBucketName');
    expect(kindOf(() => store.putObject('payloads', '', write('x')))).toBe('EmptyKey');
    expect(kindOf(() => store.putObject('payloads', 'é'.repeat(513), write('x')))).toBe(
      'KeyTooLong',
    );
    expect(
      kindOf(() =>
        store.copyObject(
          { bucket: 'payloads', key: 'missing' },
          { bucket: 'payloads', key: 'x' },
          undefined,
        ),
      ),
    ).toBe('NoSuchKey');
    expect(store.listObjects('payloads', ALL).contents.map((object) => object.key)).toEqual(['k']);
  });

  it('lists buckets by name and forgets everything on reset', () => {
    const store = new ObjectStore(() => 0);
    store.createBucket('zeta', 'us-east-1');
    store.createBucket('alpha', 'eu-west-1');
    expect(store.listBuckets().map((bucket) => [bucket.name, bucket.region])).toEqual([
      ['alpha', 'eu-west-1'],
      ['zeta', 'us-east-1'],
    ]);
    store.reset();
    expect(store.listBuckets()).toEqual([]);
  });
});
