// XML text escaping: markup and control characters, read back unchanged by a standard parser.
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { element, escapeXml } from '../../../../src/emulator/s3/codec/xml.ts';

describe('escapeXml', () => {
  it('escapes markup characters and control characters', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
    );
    expect(escapeXml('a\r\nb\t\u0001')).toBe('a&#xD;&#xA;b&#x9;&#x1;');
    expect(escapeXml('ü🙂')).toBe('ü🙂');
  });

  it('produces text a standard parser reads back unchanged', () => {
    const text = ' key with <, >, &, quotes "\' and\r\nnew lines\t ';
    const parsed = new XMLParser({
      trimValues: false,
      htmlEntities: true,
      parseTagValue: false,
    }).parse(element('Key', text)) as { Key: string };
    expect(parsed.Key).toBe(text);
  });
});
