// Queue tags and permissions (AddPermission / RemovePermission): their validation and the Policy
// document SQS shows for permissions added through the API.
import { invalidParameter, invalidValue, missingParameter } from './errors.ts';
import { MAX_TAG_KEY_LENGTH, MAX_TAG_VALUE_LENGTH, MAX_TAGS } from './limits.ts';
import type { Queue } from './queue.ts';

const PERMISSION_ACTIONS = new Set([
  '*',
  'SendMessage',
  'ReceiveMessage',
  'DeleteMessage',
  'ChangeMessageVisibility',
  'GetQueueAttributes',
  'GetQueueUrl',
  'ListDeadLetterSourceQueues',
  'PurgeQueue',
  'ListQueueTags',
]);

/** `existing` is how many tags the queue keeps besides these. */
export function checkTags(tags: Record<string, string>, existing: number): void {
  const entries = Object.entries(tags);
  if (existing + entries.length > MAX_TAGS) {
    throw invalidParameter(
      `Too many tags added for queue. A queue can have at most ${MAX_TAGS} tags.`,
    );
  }
  for (const [key, value] of entries) {
    if (key.length === 0 || key.length > MAX_TAG_KEY_LENGTH) {
      throw invalidParameter(
        `Tag keys must be between 1 and ${MAX_TAG_KEY_LENGTH} characters; got '${key.slice(0, MAX_TAG_KEY_LENGTH + 12)}'.`,
      );
    }
    if (typeof value !== 'string' || value.length > MAX_TAG_VALUE_LENGTH) {
      throw invalidParameter(
        `Tag values must be at most ${MAX_TAG_VALUE_LENGTH} characters (tag '${key}').`,
      );
    }
  }
}

export function tagQueue(queue: Queue, tags: Record<string, string>): void {
  const kept = [...queue.tags.keys()].filter((k) => !Object.hasOwn(tags, k)).length;
  checkTags(tags, kept);
  for (const [k, v] of Object.entries(tags)) queue.tags.set(k, v);
}

export function addPermission(
  queue: Queue,
  label: string,
  accounts: readonly string[],
  actions: readonly string[],
): void {
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(label)) {
    throw invalidValue(
      label,
      'Label',
      'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
    );
  }
  if (queue.permissions.has(label)) throw invalidValue(label, 'Label', 'Already exists.');
  if (accounts.length === 0) throw missingParameter('AWSAccountId');
  if (actions.length === 0) throw missingParameter('ActionName');
  for (const account of accounts) {
    if (!/^\d{12}$/.test(account)) {
      throw invalidValue(account, 'AWSAccountId', 'An AWS account id is 12 digits.');
    }
  }
  for (const action of actions) {
    if (!PERMISSION_ACTIONS.has(action)) {
      throw invalidValue(
        action,
        'ActionName',
        'Please refer to the appropriate WSDL for a list of valid actions.',
      );
    }
  }
  queue.permissions.set(label, { accounts: [...accounts], actions: [...actions] });
}

export function removePermission(queue: Queue, label: string): void {
  if (!queue.permissions.delete(label)) {
    throw invalidValue(label, 'Label', "can't find label.");
  }
}

/**
 * The Policy attribute implied by added permissions, as AWS writes it: version 2008-10-17, and a
 * single principal or action as a plain string, several as a list. Undefined when there are none.
 */
export function permissionsPolicy(queue: Queue): string | undefined {
  if (queue.permissions.size === 0) return undefined;
  return JSON.stringify({
    Version: '2008-10-17',
    Id: `${queue.arn}/SQSDefaultPolicy`,
    Statement: [...queue.permissions].map(([label, p]) => ({
      Sid: label,
      Effect: 'Allow',
      Principal: { AWS: oneOrMany(p.accounts.map((a) => `arn:aws:iam::${a}:root`)) },
      Action: oneOrMany(p.actions.map((a) => `SQS:${a}`)),
      Resource: queue.arn,
    })),
  });
}

function oneOrMany(values: string[]): string | string[] {
  return values.length === 1 ? values[0]! : values;
}
