// S3 error documents: escaped <Error> bodies with extra fields, bare HEAD statuses, and
// unexpected exceptions turned into InternalError.
import { describe, expect, it } from 'vitest';
import type { EmulatorRequest } from '../../../../src/emulator/http/types.ts';
import { errorResponse } from '../../../../src/emulator/s3/codec/error-response.ts';
import { S3ProtocolError } from '../../../../src/emulator/s3/codec/protocol-error.ts';
import { StoreError } from '../../../../src/emulator/s3/domain/errors.ts';
import { createS3Service } from '../../../../src/emulator/s3/index.ts';

describe('S3 error responses', () => {
  it('writes an escaped <Error> document with the extra fields and request id', () => {
    const response = errorResponse(new StoreError('NoSuchKey', { bucket: 'b', key: 'a<&>"b' }), {
      method: 'GET',
      requestId: 'REQ1',
    });
    expect(response.status).toBe(404);
    expect(response.headers?.['content-type']).toBe('application/xml');
    expect(response.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code>' +
        '<Message>The specified key does not exist.</Message><Key>a&lt;&amp;&gt;&quot;b</Key>' +
        '<RequestId>REQ1</RequestId><HostId>REQ1</HostId></Error>',
    );
  });

  it('answers HEAD with a bare status', () => {
    const response = errorResponse(new S3ProtocolError('InvalidRange'), {
      method: 'HEAD',
      requestId: 'R',
    });
    expect(response).toEqual({
      status: 416,
      headers: { 'x-amz-request-id': 'R', 'x-amz-id-2': 'R' },
    });
  });

  it('turns an unexpected exception into InternalError and reports it', async () => {
    const reported: unknown[] = [];
    const service = createS3Service({
      now: () => {
        throw new Error('clock broke');
      },
      region: 'us-east-1',
      onInternalError: (error) => reported.push(error),
    });
    const request: EmulatorRequest = {
      method: 'PUT',
      path: '/some-bucket',
      query: new URLSearchParams(),
      headers: {},
      body: Buffer.alloc(0),
      host: '127.0.0.1',
    };
    const response = await service.handle(request);
    expect(response.status).toBe(500);
    expect(String(response.body)).toContain('<Code>InternalError</Code>');
    expect(reported).toHaveLength(1);
    const refused = await service.handle({ ...request, path: '/x' });
    expect(refused.status).toBe(400);
    expect(reported).toHaveLength(1);
  });
});
