// Queue attributes: which ones exist, their defaults, validation with AWS's codes and messages,
// and the parsed view the queue logic reads (numbers, redrive policy).
import { invalidValue, SqsError } from './errors.ts';
import {
  DEFAULT_RETENTION_SECONDS,
  DEFAULT_VISIBILITY_SECONDS,
  MAX_DELAY_SECONDS,
  MAX_MESSAGE_BYTES,
  MAX_RECEIVE_COUNT_SETTING,
  MAX_REDRIVE_ALLOW_SOURCES,
  MAX_RETENTION_SECONDS,
  MAX_VISIBILITY_SECONDS,
  MAX_WAIT_SECONDS,
  MIN_MESSAGE_BYTES_SETTING,
  MIN_RETENTION_SECONDS,
} from './limits.ts';

/** Attributes a caller may set (CreateQueue, SetQueueAttributes). */
export const SETTABLE_ATTRIBUTES = [
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'Policy',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
] as const;

/** Attributes GetQueueAttributes can return, in the order AWS lists them. */
export const READABLE_ATTRIBUTES = [
  'QueueArn',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  ...SETTABLE_ATTRIBUTES,
] as const;

// On a standard queue AWS calls ContentBasedDeduplication unknown, and says of the two
// high-throughput settings that they need a FIFO queue.
const FIFO_ONLY: Record<string, (name: string) => SqsError> = {
  ContentBasedDeduplication: (name) => unknownAttribute(name),
  DeduplicationScope: (name) => fifoOnly(name),
  FifoThroughputLimit: (name) => fifoOnly(name),
};

function fifoOnly(name: string): SqsError {
  return new SqsError(
    'InvalidAttributeName',
    `You can specify the ${name} only when FifoQueue is set to true.`,
  );
}

export const DEFAULT_ATTRIBUTES: Readonly<Record<string, string>> = {
  VisibilityTimeout: String(DEFAULT_VISIBILITY_SECONDS),
  MaximumMessageSize: String(MAX_MESSAGE_BYTES),
  MessageRetentionPeriod: String(DEFAULT_RETENTION_SECONDS),
  DelaySeconds: '0',
  ReceiveMessageWaitTimeSeconds: '0',
  SqsManagedSseEnabled: 'true',
};

export const FIFO_DEFAULT_ATTRIBUTES: Readonly<Record<string, string>> = {
  FifoQueue: 'true',
  ContentBasedDeduplication: 'false',
  DeduplicationScope: 'queue',
  FifoThroughputLimit: 'perQueue',
};

const SQS_ARN = /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]{1,80}$/;

export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

export interface RedriveAllowPolicy {
  redrivePermission: 'allowAll' | 'denyAll' | 'byQueue';
  sourceQueueArns: string[];
}

const INTEGER_RANGES: Record<string, [number, number]> = {
  DelaySeconds: [0, MAX_DELAY_SECONDS],
  MaximumMessageSize: [MIN_MESSAGE_BYTES_SETTING, MAX_MESSAGE_BYTES],
  MessageRetentionPeriod: [MIN_RETENTION_SECONDS, MAX_RETENTION_SECONDS],
  ReceiveMessageWaitTimeSeconds: [0, MAX_WAIT_SECONDS],
  VisibilityTimeout: [0, MAX_VISIBILITY_SECONDS],
  KmsDataKeyReusePeriodSeconds: [60, 86_400],
};

const ENUMS: Record<string, readonly string[]> = {
  SqsManagedSseEnabled: ['true', 'false'],
  ContentBasedDeduplication: ['true', 'false'],
  DeduplicationScope: ['messageGroup', 'queue'],
  FifoThroughputLimit: ['perQueue', 'perMessageGroupId'],
};

function invalidAttributeValue(name: string): SqsError {
  return new SqsError('InvalidAttributeValue', `Invalid value for the parameter ${name}.`);
}

export function unknownAttribute(name: string): SqsError {
  return new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
}

/** AWS reads `FifoQueue` without regard to case: `"True"` makes a FIFO queue. */
export function isTrue(value: string | undefined): boolean {
  return value !== undefined && value.toLowerCase() === 'true';
}

/**
 * The queue type a CreateQueue asks for. `FifoQueue` may only say true (in any case); any other
 * value, `false` included, is an attribute a standard queue does not know.
 */
export function requestedFifo(attributes: Readonly<Record<string, string>>): boolean {
  const value = attributes.FifoQueue;
  if (value === undefined) return false;
  if (!isTrue(value)) throw unknownAttribute('FifoQueue');
  return true;
}

/**
 * `FifoQueue` in SetQueueAttributes: unknown to a standard queue; on a FIFO queue only `true`,
 * since the type is fixed at creation.
 */
export function checkFifoUnchanged(value: string | undefined, fifo: boolean): void {
  if (value === undefined) return;
  if (!fifo) throw unknownAttribute('FifoQueue');
  if (!isTrue(value)) {
    throw new SqsError(
      'InvalidAttributeValue',
      'Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.',
    );
  }
}

/**
 * Checks names and value formats of attributes a caller wants to set; returns them normalised
 * (RedrivePolicy re-serialised so equal policies compare equal). Cross-queue rules (DLQ exists,
 * same type, allow policy) are the registry's job.
 */
export function validateSettable(
  attributes: Readonly<Record<string, string>>,
  fifo: boolean,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(attributes)) {
    if (!(SETTABLE_ATTRIBUTES as readonly string[]).includes(name)) throw unknownAttribute(name);
    if (typeof raw !== 'string') throw invalidAttributeValue(name);
    if (!fifo && Object.hasOwn(FIFO_ONLY, name)) throw FIFO_ONLY[name]!(name);
    if (name === 'FifoQueue') {
      // Checked by requestedFifo / checkFifoUnchanged; stored in AWS's spelling.
      out[name] = 'true';
      continue;
    }
    const range = INTEGER_RANGES[name];
    if (range) {
      if (!/^\d+$/.test(raw) || Number(raw) < range[0] || Number(raw) > range[1]) {
        throw invalidAttributeValue(name);
      }
      out[name] = String(Number(raw));
      continue;
    }
    const allowed = ENUMS[name];
    if (allowed) {
      if (!allowed.includes(raw)) throw invalidAttributeValue(name);
      out[name] = raw;
      continue;
    }
    if (name === 'Policy') {
      if (raw !== '' && !isJsonObject(raw)) throw invalidAttributeValue(name);
      out[name] = raw;
    } else if (name === 'RedrivePolicy') {
      out[name] = raw === '' ? '' : JSON.stringify(parseRedrivePolicy(raw));
    } else if (name === 'RedriveAllowPolicy') {
      out[name] = raw === '' ? '' : serialiseAllowPolicy(parseRedriveAllowPolicy(raw));
    } else {
      out[name] = raw;
    }
  }
  return out;
}

const DEFAULT_KMS_REUSE_SECONDS = '300';

/**
 * Server-side encryption as AWS keeps it: a KMS key turns SQS-managed encryption off (both at
 * once is refused) and brings the key reuse period (default 300 s); an empty key clears KMS
 * encryption, its reuse period with it, and leaves SQS-managed encryption off.
 */
export function applyEncryptionRules(
  changes: Record<string, string>,
  current: ReadonlyMap<string, string>,
): void {
  const key = changes.KmsMasterKeyId;
  if (key === undefined) return;
  if (key === '') {
    changes.SqsManagedSseEnabled ??= 'false';
    changes.KmsDataKeyReusePeriodSeconds = '';
    return;
  }
  if (changes.SqsManagedSseEnabled === 'true') {
    throw new SqsError(
      'InvalidAttributeName',
      'You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.',
    );
  }
  changes.SqsManagedSseEnabled = 'false';
  if (!current.has('KmsDataKeyReusePeriodSeconds')) {
    changes.KmsDataKeyReusePeriodSeconds ??= DEFAULT_KMS_REUSE_SECONDS;
  }
}

function serialiseAllowPolicy(policy: RedriveAllowPolicy): string {
  return JSON.stringify(
    policy.redrivePermission === 'byQueue'
      ? policy
      : { redrivePermission: policy.redrivePermission },
  );
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** `raw` parsed as a JSON object; anything else is InvalidParameterValue naming `attribute`. */
function jsonMap(raw: string, attribute: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw invalidValue(raw, attribute, `${what} is not a valid JSON map.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidValue(raw, attribute, `${what} is not a valid JSON map.`);
  }
  return value as Record<string, unknown>;
}

export function parseRedrivePolicy(raw: string): RedrivePolicy {
  const record = jsonMap(raw, 'RedrivePolicy', 'Redrive policy');
  const arn = record.deadLetterTargetArn;
  if (typeof arn !== 'string' || arn.length === 0) {
    throw invalidValue(
      raw,
      'RedrivePolicy',
      'Redrive policy does not contain mandatory attribute: deadLetterTargetArn.',
    );
  }
  // The ARN's shape is checked before any queue is looked up.
  if (!SQS_ARN.test(arn)) {
    throw invalidValue(raw, 'RedrivePolicy', 'Invalid value for deadLetterTargetArn.');
  }
  const countRaw = record.maxReceiveCount;
  if (countRaw === undefined) {
    throw invalidValue(
      raw,
      'RedrivePolicy',
      'Redrive policy does not contain mandatory attribute: maxReceiveCount.',
    );
  }
  // AWS accepts the count as a number or as a numeric string (the console writes strings).
  const count =
    typeof countRaw === 'string' && /^\d+$/.test(countRaw) ? Number(countRaw) : countRaw;
  if (
    typeof count !== 'number' ||
    !Number.isInteger(count) ||
    count < 1 ||
    count > MAX_RECEIVE_COUNT_SETTING
  ) {
    throw invalidValue(
      raw,
      'RedrivePolicy',
      `Invalid value for maxReceiveCount: ${String(countRaw)}, valid values are from 1 to ${MAX_RECEIVE_COUNT_SETTING} both inclusive.`,
    );
  }
  for (const key of Object.keys(record)) {
    if (key !== 'deadLetterTargetArn' && key !== 'maxReceiveCount') {
      throw invalidValue(
        raw,
        'RedrivePolicy',
        `Redrive policy contains an unknown attribute: ${key}.`,
      );
    }
  }
  return { deadLetterTargetArn: arn, maxReceiveCount: count };
}

export function parseRedriveAllowPolicy(raw: string): RedriveAllowPolicy {
  const record = jsonMap(raw, 'RedriveAllowPolicy', 'Redrive allow policy');
  const permission = record.redrivePermission;
  if (permission !== 'allowAll' && permission !== 'denyAll' && permission !== 'byQueue') {
    throw invalidValue(
      raw,
      'RedriveAllowPolicy',
      'redrivePermission must be one of allowAll, denyAll, byQueue.',
    );
  }
  const sources = record.sourceQueueArns;
  if (permission === 'byQueue') {
    if (
      !Array.isArray(sources) ||
      sources.length === 0 ||
      sources.length > MAX_REDRIVE_ALLOW_SOURCES ||
      !sources.every((s) => typeof s === 'string')
    ) {
      throw invalidValue(
        raw,
        'RedriveAllowPolicy',
        `sourceQueueArns must list 1 to ${MAX_REDRIVE_ALLOW_SOURCES} queue ARNs when redrivePermission is byQueue.`,
      );
    }
    return { redrivePermission: permission, sourceQueueArns: sources as string[] };
  }
  if (sources !== undefined) {
    throw invalidValue(
      raw,
      'RedriveAllowPolicy',
      'sourceQueueArns is only allowed when redrivePermission is byQueue.',
    );
  }
  return { redrivePermission: permission, sourceQueueArns: [] };
}
