// Batch request rules shared by the three batch actions: entry count, id format and uniqueness
// (whole-request errors), then each entry run on its own so one bad entry fails alone.

import { SqsError } from '../domain/errors.ts';
import { BATCH_ENTRY_ID_PATTERN, MAX_BATCH_ENTRIES } from '../domain/limits.ts';
import type { BatchResultErrorEntry } from '../domain/types.ts';
import type { SqsAction } from '../protocol/model.ts';

export function checkBatch(action: SqsAction, entries: readonly { Id: string }[]): void {
  if (entries.length === 0) {
    throw new SqsError(
      'EmptyBatchRequest',
      `There should be at least one ${action}RequestEntry in the request.`,
    );
  }
  if (entries.length > MAX_BATCH_ENTRIES) {
    throw new SqsError(
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are ${MAX_BATCH_ENTRIES}. You have sent ${entries.length}.`,
    );
  }
  const seen = new Set<string>();
  for (const { Id } of entries) {
    if (!BATCH_ENTRY_ID_PATTERN.test(Id)) {
      throw new SqsError(
        'InvalidBatchEntryId',
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      );
    }
    if (seen.has(Id)) throw new SqsError('BatchEntryIdsNotDistinct', `Id ${Id} repeated.`);
    seen.add(Id);
  }
}

/** Runs `each` per entry; domain errors become that entry's `Failed` row (omitted if none). */
export async function runBatch<E extends { Id: string }, R>(
  entries: readonly E[],
  each: (entry: E) => R | Promise<R>,
): Promise<{ Successful: (R & { Id: string })[]; Failed?: BatchResultErrorEntry[] }> {
  const Successful: (R & { Id: string })[] = [];
  const Failed: BatchResultErrorEntry[] = [];
  for (const entry of entries) {
    try {
      const result = await each(entry);
      Successful.push({ ...result, Id: entry.Id });
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      Failed.push({
        Id: entry.Id,
        SenderFault: error.code !== 'InternalError' && error.code !== 'ServiceUnavailable',
        Code: error.code,
        Message: error.message,
      });
    }
  }
  return Failed.length > 0 ? { Successful, Failed } : { Successful };
}
