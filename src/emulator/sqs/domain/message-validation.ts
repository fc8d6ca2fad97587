// Validation of what a sender hands SQS: body characters, message attributes, message system
// attributes and the size budget, with AWS's error codes and wording.
import { invalidParameter, SqsError } from './errors.ts';
import { MAX_ATTRIBUTE_NAME_LENGTH, MAX_MESSAGE_ATTRIBUTES } from './limits.ts';
import type { MessageAttributeMap } from './types.ts';

// XML 1.0 Char production: what SQS accepts in bodies and string attribute values.
const INVALID_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
// Letters and digits of any script (AWS takes non-ASCII names), hyphens, underscores, periods.
const ATTRIBUTE_NAME = /^[\p{L}\p{M}\p{N}_.-]+$/u;
const DATA_TYPE = /^(String|Number|Binary)(\.[^\s].{0,255})?$/s;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** AWS words message attribute failures plainly, without "One or more parameters are invalid". */
function attributeError(message: string): SqsError {
  return new SqsError('InvalidParameterValue', message);
}

export function checkBody(body: string): void {
  const bad = INVALID_CHAR.exec(body);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase();
    throw new SqsError(
      'InvalidMessageContents',
      `Invalid binary character '#x${code}' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF`,
    );
  }
}

function checkAttributeName(name: string, kind: string): void {
  const lower = name.toLowerCase();
  if (
    name.length === 0 ||
    name.length > MAX_ATTRIBUTE_NAME_LENGTH ||
    !ATTRIBUTE_NAME.test(name) ||
    name.startsWith('.') ||
    name.endsWith('.') ||
    name.includes('..') ||
    lower.startsWith('aws.') ||
    lower.startsWith('amazon.')
  ) {
    throw attributeError(
      `Message (${kind}) attribute name '${name}' is invalid. Names may contain letters, digits, hyphens, underscores and periods (not at the start or end, not two in a row), must not start with AWS. or Amazon., and be at most ${MAX_ATTRIBUTE_NAME_LENGTH} characters.`,
    );
  }
}

/** Validates user message attributes; returns their size in bytes as SQS counts it. */
export function checkMessageAttributes(attributes: MessageAttributeMap): number {
  const names = Object.keys(attributes);
  if (names.length > MAX_MESSAGE_ATTRIBUTES) {
    throw invalidParameter(
      `Number of message attributes [${names.length}] exceeds the allowed maximum [${MAX_MESSAGE_ATTRIBUTES}].`,
    );
  }
  let size = 0;
  for (const name of names) {
    checkAttributeName(name, 'user');
    size += checkAttributeValue(name, attributes[name]!, 'user');
  }
  return size;
}

function checkAttributeValue(
  name: string,
  value: MessageAttributeMap[string],
  kind: string,
): number {
  const type = value.DataType;
  if (typeof type !== 'string' || type.length === 0) {
    throw attributeError(`The message (${kind}) attribute '${name}' must contain a DataType.`);
  }
  const match = DATA_TYPE.exec(type);
  if (!match) {
    throw attributeError(
      `The type of message (${kind}) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
    );
  }
  if (value.StringListValues !== undefined || value.BinaryListValues !== undefined) {
    throw attributeError(
      `Message (${kind}) attribute '${name}': StringListValues and BinaryListValues are not supported.`,
    );
  }
  const base = match[1]!;
  let size = Buffer.byteLength(name) + Buffer.byteLength(type);
  if (base === 'Binary') {
    if (value.BinaryValue === undefined || value.BinaryValue.length === 0) {
      throw attributeError(
        `Message (${kind}) attribute '${name}' must contain a non-empty value of type 'Binary'.`,
      );
    }
    if (value.StringValue !== undefined) {
      throw attributeError(
        `Message (${kind}) attribute '${name}' of type 'Binary' must not carry a StringValue.`,
      );
    }
    return size + value.BinaryValue.length;
  }
  const text = value.StringValue;
  if (text === undefined || text.length === 0) {
    throw attributeError(
      `Message (${kind}) attribute '${name}' must contain a non-empty value of type '${base}'.`,
    );
  }
  if (value.BinaryValue !== undefined) {
    throw attributeError(
      `Message (${kind}) attribute '${name}' of type '${base}' must not carry a BinaryValue.`,
    );
  }
  if (INVALID_CHAR.test(text)) {
    throw attributeError(
      `Message (${kind}) attribute '${name}' contains characters outside the allowed set #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF.`,
    );
  }
  if (base === 'Number' && !isSqsNumber(text)) {
    throw attributeError(
      `Can't cast the value of message (${kind}) attribute '${name}' to a number.`,
    );
  }
  size += Buffer.byteLength(text);
  return size;
}

// SQS numbers: up to 38 significant digits, magnitude between 10^-128 and 10^+126.
function isSqsNumber(text: string): boolean {
  if (!NUMBER.test(text)) return false;
  const digits = text
    .replace(/[eE].*$/, '')
    .replace(/[^0-9]/g, '')
    .replace(/^0+/, '');
  if (digits.length > 38) return false;
  const value = Number(text);
  if (value === 0) return true;
  const magnitude = Math.abs(value);
  return magnitude < 1e127 && magnitude >= 1e-128;
}

/** Only AWSTraceHeader (a String) may be sent as a message system attribute. */
export function checkSystemAttributes(attributes: MessageAttributeMap): number {
  let size = 0;
  for (const [name, value] of Object.entries(attributes)) {
    if (name !== 'AWSTraceHeader') {
      throw invalidParameter(
        `Message system attribute name '${name}' is invalid. The only supported message system attribute is AWSTraceHeader.`,
      );
    }
    if (value.DataType !== 'String') {
      throw invalidParameter(`Message system attribute '${name}' must be of type 'String'.`);
    }
    size += checkAttributeValue(name, value, 'system');
  }
  return size;
}
