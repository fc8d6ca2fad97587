// The one table from domain error names to what each SQS wire protocol says: the JSON protocol's
// `__type` shape name, the query protocol's error code (also sent to JSON clients in
// `x-amzn-query-error`), the HTTP status and whether the fault is the sender's.
import type { SqsErrorName } from '../domain/errors.ts';

export interface WireError {
  /**
   * Shape name after `com.amazonaws.sqs#` in the JSON protocol's `__type`: the API model's error
   * shape, or for the codes the model has no shape for, AWS's long exception name.
   */
  json: string;
  /** Error code of the query protocol. */
  query: string;
  status: number;
  fault: 'Sender' | 'Receiver';
  /** The query protocol's wording, where AWS words this error differently there. */
  queryMessage?: string;
}

const sender = (json: string, query: string = json, status = 400): WireError => ({
  json,
  query,
  status,
  fault: 'Sender',
});

export const WIRE_ERRORS: Record<SqsErrorName, WireError> = {
  QueueDoesNotExist: {
    ...sender('QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue'),
    queryMessage: 'The specified queue does not exist for this wsdl version.',
  },
  QueueNameExists: sender('QueueNameExists', 'QueueAlreadyExists'),
  QueueDeletedRecently: sender(
    'QueueDeletedRecently',
    'AWS.SimpleQueueService.QueueDeletedRecently',
  ),
  PurgeQueueInProgress: sender(
    'PurgeQueueInProgress',
    'AWS.SimpleQueueService.PurgeQueueInProgress',
    403,
  ),
  InvalidParameterValue: sender('InvalidParameterValueException', 'InvalidParameterValue'),
  MissingParameter: sender('MissingRequiredParameterException', 'MissingParameter'),
  InvalidAttributeName: sender('InvalidAttributeName'),
  InvalidAttributeValue: sender('InvalidAttributeValue'),
  InvalidMessageContents: sender('InvalidMessageContents'),
  ReceiptHandleIsInvalid: sender('ReceiptHandleIsInvalid'),
  MessageNotInflight: sender('MessageNotInflight', 'AWS.SimpleQueueService.MessageNotInflight'),
  TooManyEntriesInBatchRequest: sender(
    'TooManyEntriesInBatchRequest',
    'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
  ),
  EmptyBatchRequest: sender('EmptyBatchRequest', 'AWS.SimpleQueueService.EmptyBatchRequest'),
  BatchEntryIdsNotDistinct: sender(
    'BatchEntryIdsNotDistinct',
    'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
  ),
  InvalidBatchEntryId: sender('InvalidBatchEntryId', 'AWS.SimpleQueueService.InvalidBatchEntryId'),
  BatchRequestTooLong: sender('BatchRequestTooLong', 'AWS.SimpleQueueService.BatchRequestTooLong'),
  UnsupportedOperation: sender(
    'UnsupportedOperation',
    'AWS.SimpleQueueService.UnsupportedOperation',
  ),
  ResourceNotFoundException: sender('ResourceNotFoundException', 'ResourceNotFoundException', 404),
  OverLimit: sender('OverLimit', 'OverLimit', 403),
  InvalidAction: sender('InvalidAction'),
  UnknownOperation: sender('UnknownOperationException', 'UnknownOperationException', 404),
  MalformedRequest: sender('SerializationException', 'MalformedQueryString'),
  RequestEntityTooLarge: sender('RequestEntityTooLarge', 'RequestEntityTooLarge', 413),
  InternalError: { json: 'InternalError', query: 'InternalError', status: 500, fault: 'Receiver' },
  ServiceUnavailable: {
    json: 'ServiceUnavailable',
    query: 'ServiceUnavailable',
    status: 503,
    fault: 'Receiver',
  },
  ThrottlingException: sender('ThrottlingException'),
  RequestThrottled: sender('RequestThrottled', 'RequestThrottled', 403),
  AccessDenied: sender('AccessDeniedException', 'AccessDenied', 403),
};
