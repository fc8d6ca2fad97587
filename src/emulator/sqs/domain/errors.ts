// The closed set of errors the SQS domain and its codecs can raise. Each protocol maps these names
// to its wire codes in exactly one table (protocol/wire-errors.ts); nothing else invents codes.

export type SqsErrorName =
  | 'QueueDoesNotExist'
  | 'QueueNameExists'
  | 'QueueDeletedRecently'
  | 'PurgeQueueInProgress'
  | 'InvalidParameterValue'
  | 'MissingParameter'
  | 'InvalidAttributeName'
  | 'InvalidAttributeValue'
  | 'InvalidMessageContents'
  | 'ReceiptHandleIsInvalid'
  | 'MessageNotInflight'
  | 'TooManyEntriesInBatchRequest'
  | 'EmptyBatchRequest'
  | 'BatchEntryIdsNotDistinct'
  | 'InvalidBatchEntryId'
  | 'BatchRequestTooLong'
  | 'UnsupportedOperation'
  | 'ResourceNotFoundException'
  | 'OverLimit'
  | 'InvalidAction'
  | 'UnknownOperation'
  | 'MalformedRequest'
  | 'RequestEntityTooLarge'
  | 'InternalError'
  | 'ServiceUnavailable'
  | 'ThrottlingException'
  | 'RequestThrottled'
  | 'AccessDenied';

export class SqsError extends Error {
  readonly code: SqsErrorName;
  constructor(code: SqsErrorName, message: string) {
    super(message);
    this.name = 'SqsError';
    this.code = code;
  }
}

export function queueDoesNotExist(): SqsError {
  return new SqsError('QueueDoesNotExist', 'The specified queue does not exist.');
}

/** AWS's wording for a parameter that fails validation. */
export function invalidParameter(reason: string): SqsError {
  return new SqsError(
    'InvalidParameterValue',
    `One or more parameters are invalid. Reason: ${reason}`,
  );
}

/** AWS's wording for a batch entry that fails validation. */
export function unvalidatedParameter(reason: string): SqsError {
  return new SqsError(
    'InvalidParameterValue',
    `One or more parameters cannot be validated. Reason: ${reason}`,
  );
}

export function invalidValue(value: unknown, parameter: string, reason: string): SqsError {
  return new SqsError(
    'InvalidParameterValue',
    `Value ${String(value)} for parameter ${parameter} is invalid. Reason: ${reason}`,
  );
}

export function missingParameter(name: string): SqsError {
  return new SqsError('MissingParameter', `The request must contain the parameter ${name}.`);
}
