// Safe parsing of the small XML request bodies S3 accepts (DeleteObjects, CreateBucket). Refuses
// anything not well-formed UTF-8 XML, any DOCTYPE (no entity expansion), and oversized bodies.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { S3ProtocolError } from './protocol-error.ts';

/** Generous for 1000 keys of 1024 bytes each; S3's own limit for these bodies is of this order. */
export const MAX_XML_BODY_BYTES = 2 * 1024 * 1024;

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  // Object keys may begin or end with spaces; they must survive parsing.
  trimValues: false,
  removeNSPrefix: true,
  processEntities: true,
  // Numeric character references (control characters in keys) are decoded through this option.
  htmlEntities: true,
  // Repeated elements of DeleteObjects and CompleteMultipartUpload, arrays even when single.
  isArray: (name) => name === 'Object' || name === 'Part',
});

export type XmlValue = string | XmlValue[] | { [name: string]: XmlValue };

function malformed(detail: string): S3ProtocolError {
  return new S3ProtocolError(
    'MalformedXML',
    `The XML you provided was not well-formed or did not validate against our published schema (${detail}).`,
  );
}

export { malformed as malformedXml };

/** Parses `body` and returns the content of its root element, which must be named `root`. */
export function parseXmlBody(body: Buffer, root: string): { [name: string]: XmlValue } {
  if (body.length > MAX_XML_BODY_BYTES) {
    throw new S3ProtocolError('MaxMessageLengthExceeded', undefined, {
      MaxMessageLengthBytes: String(MAX_XML_BODY_BYTES),
    });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw malformed('the body is not valid UTF-8');
  }
  if (/<!DOCTYPE/i.test(text)) throw malformed('document type declarations are not allowed');
  const validation = XMLValidator.validate(text);
  if (validation !== true) throw malformed(validation.err.msg);
  const parsed = parser.parse(text) as { [name: string]: XmlValue };
  const rootNames = Object.keys(parsed).filter((name) => name !== '?xml');
  if (rootNames.length !== 1 || rootNames[0] !== root) {
    throw malformed(`the root element must be <${root}>`);
  }
  const content = parsed[root];
  if (content === undefined || typeof content === 'string' || Array.isArray(content)) {
    // An empty root (`<Delete/>`) parses as a string: treat it as having no children.
    return {};
  }
  return content;
}

/** The text of a child that must be a single text element, or undefined when absent. */
export function textChild(node: { [name: string]: XmlValue }, name: string): string | undefined {
  const value = node[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw malformed(`<${name}> must hold text only, once`);
  return value;
}
