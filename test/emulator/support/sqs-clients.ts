// Both real SQS clients behind one small interface, so a behaviour suite runs unchanged over the
// AWS JSON protocol (JS SDK v3) and the query protocol (JS SDK v2 with SQS's query model).
import * as v3 from '@aws-sdk/client-sqs';
import AWS from 'aws-sdk';
import { sqsQueryModel } from './sqs-query-model.ts';

export type Protocol = 'json' | 'query';

/** Extra HTTP headers a call sends (e.g. `X-Amzn-Trace-Id`). */
export type Headers = Record<string, string>;

export interface WireFailure {
  /** The query-protocol error code (v3 reads it from `x-amzn-query-error`). */
  code: string;
  status: number | undefined;
  message: string;
}

export interface SqsCaller {
  protocol: Protocol;
  // biome-ignore lint/suspicious/noExplicitAny: responses are SDK-typed per action; tests read fields.
  call(action: string, params: Record<string, unknown>, headers?: Headers): Promise<any>;
  /** Runs the call expecting an AWS error; resolves with it normalised, rejects on success. */
  fail(action: string, params: Record<string, unknown>): Promise<WireFailure>;
  destroy(): void;
}

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

export function sqsCaller(protocol: Protocol, endpoint: string, region = 'us-east-1'): SqsCaller {
  return protocol === 'json' ? jsonCaller(endpoint, region) : queryCaller(endpoint, region);
}

function jsonCaller(endpoint: string, region: string): SqsCaller {
  const client = new v3.SQSClient({ endpoint, region, credentials, maxAttempts: 1 });
  const call = (action: string, params: Record<string, unknown>, headers?: Headers) => {
    const Command = (
      v3 as unknown as Record<string, new (input: unknown) => v3.ReceiveMessageCommand>
    )[`${action}Command`];
    if (!Command) throw new Error(`no v3 command for ${action}`);
    const command = new Command(params);
    if (headers) {
      command.middlewareStack.add(
        (next) => (args) => {
          const { request } = args;
          if (typeof request === 'object' && request !== null && 'headers' in request) {
            Object.assign(request.headers as Headers, headers);
          }
          return next(args);
        },
        { step: 'build' },
      );
    }
    return client.send(command);
  };
  return {
    protocol: 'json',
    call,
    fail: async (action, params) => {
      try {
        await call(action, params);
      } catch (error) {
        const e = error as {
          Code?: string;
          name: string;
          message: string;
          $metadata?: { httpStatusCode?: number };
        };
        return { code: e.Code ?? e.name, status: e.$metadata?.httpStatusCode, message: e.message };
      }
      throw new Error(`${action} succeeded; an error was expected`);
    },
    destroy: () => client.destroy(),
  };
}

function queryCaller(endpoint: string, region: string): SqsCaller {
  const client = new AWS.SQS({
    endpoint,
    region,
    credentials,
    maxRetries: 0,
    apiConfig: sqsQueryModel(),
  } as AWS.SQS.ClientConfiguration & { apiConfig: unknown });
  const call = (action: string, params: Record<string, unknown>, headers?: Headers) => {
    const method = `${action[0]!.toLowerCase()}${action.slice(1)}`;
    const fn = (
      client as unknown as Record<string, (p: unknown) => AWS.Request<unknown, AWS.AWSError>>
    )[method];
    if (typeof fn !== 'function') throw new Error(`no v2 method for ${action}`);
    const request = fn.call(client, params);
    if (headers) {
      request.on('build', () => {
        Object.assign(request.httpRequest.headers, headers);
      });
    }
    return request.promise();
  };
  return {
    protocol: 'query',
    call,
    fail: async (action, params) => {
      try {
        await call(action, params);
      } catch (error) {
        const e = error as AWS.AWSError;
        return { code: e.code, status: e.statusCode, message: e.message };
      }
      throw new Error(`${action} succeeded; an error was expected`);
    },
    destroy: () => {},
  };
}
