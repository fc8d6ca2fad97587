// SQS limits in one place, with the values AWS documents (see SQS-SEMANTICS.md). Error messages
// quote these constants so the text can never drift from the enforced value.

export const ACCOUNT_ID = '000000000000';
/** AWS region names: `us-east-1`, `eu-central-2`, `us-gov-west-1`. */
export const REGION_PATTERN = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;
/** Regions one emulator serves at most, so hostile scopes cannot grow it without bound. */
export const MAX_REGIONS = 64;
export const MAX_MESSAGE_BYTES = 1_048_576;
export const MIN_MESSAGE_BYTES_SETTING = 1_024;
export const MAX_BATCH_ENTRIES = 10;
export const MAX_MESSAGE_ATTRIBUTES = 10;
export const MAX_ATTRIBUTE_NAME_LENGTH = 256;
export const MAX_RECEIVE_MESSAGES = 10;
export const MAX_WAIT_SECONDS = 20;
export const MAX_VISIBILITY_SECONDS = 43_200;
export const DEFAULT_VISIBILITY_SECONDS = 30;
export const MIN_RETENTION_SECONDS = 60;
export const MAX_RETENTION_SECONDS = 1_209_600;
export const DEFAULT_RETENTION_SECONDS = 345_600;
export const MAX_DELAY_SECONDS = 900;
export const MAX_RECEIVE_COUNT_SETTING = 1_000;
export const QUEUE_NAME_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;
export const FIFO_QUEUE_NAME_PATTERN = /^[A-Za-z0-9_-]{1,75}\.fifo$/;
export const BATCH_ENTRY_ID_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;
export const DEDUPLICATION_ID_PATTERN = /^[\x21-\x7e]{1,128}$/;
export const DELETED_NAME_COOLDOWN_MS = 60_000;
export const PURGE_INTERVAL_MS = 60_000;
export const FIFO_DEDUP_WINDOW_MS = 300_000;
export const MAX_IN_FLIGHT = 120_000;
export const MAX_REDRIVE_ALLOW_SOURCES = 10;
export const MAX_MOVE_RATE = 500;
export const DEFAULT_LIST_RESULTS = 1000;
export const MAX_TAGS = 50;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;
