// DeleteObjects on the wire: the <Delete> request document and the <DeleteResult> answer with one
// <Deleted> or <Error> entry per key (errors only, in Quiet mode).
import type { S3ErrorCode } from './error-table.ts';
import { document, element } from './xml.ts';
import { malformedXml, parseXmlBody, textChild } from './xml-body.ts';

/** S3 accepts at most this many keys in one DeleteObjects request. */
export const MAX_DELETE_KEYS = 1000;

export interface DeleteObjectsRequest {
  quiet: boolean;
  keys: string[];
}

export type DeleteOutcome =
  | { key: string; deleted: true }
  | { key: string; deleted: false; code: S3ErrorCode; message: string };

export function decodeDeleteObjects(body: Buffer): DeleteObjectsRequest {
  const root = parseXmlBody(body, 'Delete');
  const quietText = textChild(root, 'Quiet');
  const quiet = quietText?.trim().toLowerCase() === 'true';
  if (quietText !== undefined && !quiet && quietText.trim().toLowerCase() !== 'false') {
    throw malformedXml('<Quiet> must be true or false');
  }
  const objects = root.Object ?? [];
  if (!Array.isArray(objects) || objects.length === 0) {
    throw malformedXml('<Delete> must list at least one <Object>');
  }
  if (objects.length > MAX_DELETE_KEYS) {
    throw malformedXml(
      `<Delete> lists ${objects.length} objects; at most ${MAX_DELETE_KEYS} are allowed`,
    );
  }
  const keys = objects.map((object) => {
    if (typeof object !== 'object' || Array.isArray(object)) {
      throw malformedXml('each <Object> must contain a <Key>');
    }
    const key = textChild(object, 'Key');
    if (key === undefined) throw malformedXml('each <Object> must contain a <Key>');
    return key;
  });
  return { quiet, keys };
}

export function encodeDeleteResult(outcomes: readonly DeleteOutcome[], quiet: boolean): string {
  const entries = outcomes.map((outcome) => {
    if (outcome.deleted) return quiet ? '' : `<Deleted>${element('Key', outcome.key)}</Deleted>`;
    return `<Error>${element('Key', outcome.key)}${element('Code', outcome.code)}${element('Message', outcome.message)}</Error>`;
  });
  return document('DeleteResult', entries.join(''));
}
