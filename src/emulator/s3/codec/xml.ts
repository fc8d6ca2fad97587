// Hand-built S3 XML: escaping and element helpers, so every response writes text the same way.

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

const NAMED: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Escapes text for element content. Control characters (object keys may hold any UTF-8) become
 * numeric references; CR/LF/TAB too, because XML parsers normalise them when left literal.
 */
export function escapeXml(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we escape
  return text.replace(/[&<>"'\u0000-\u001f]/g, (ch) => {
    return NAMED[ch] ?? `&#x${ch.charCodeAt(0).toString(16).toUpperCase()};`;
  });
}

/** `<name>text</name>`, with the text escaped. */
export function element(name: string, text: string | number | boolean): string {
  return `<${name}>${escapeXml(String(text))}</${name}>`;
}

/** A complete document whose root carries the S3 namespace. */
export function document(root: string, inner: string, namespaced = true): string {
  const open = namespaced ? `<${root} xmlns="${S3_NAMESPACE}">` : `<${root}>`;
  return `${XML_DECLARATION}${open}${inner}</${root}>`;
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
