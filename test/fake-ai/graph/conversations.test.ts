// Reading a chat-export bundle: both forms, ids, skipped parts, timestamps, malformed input.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BundleError,
  MAX_CONVERSATIONS,
  parseBundleText,
  readBundle,
} from '../../../fake-ai/graph/conversations.ts';

const SAMPLE = readFileSync(
  new URL('../../fixtures/chat-export-sample.json', import.meta.url),
  'utf8',
);

const conversation = (mapping: unknown, extra: Record<string, unknown> = {}) => ({
  title: 'T',
  create_time: 1_757_800_000,
  mapping,
  ...extra,
});

describe('reading a bundle', () => {
  it('reads the sample export as a bare array and as {conversations}', () => {
    const bare = parseBundleText(SAMPLE);
    const wrapped = readBundle({ conversations: JSON.parse(SAMPLE) });
    expect(bare).toHaveLength(20);
    expect(wrapped).toEqual(bare);
    expect(bare[0]).toMatchObject({
      origId: '0',
      title: 'Data Visualization with D3.js',
      timestamp: '2025-09-13T21:46:40.000Z',
      numSections: 4,
    });
    expect(bare[0]?.text).toContain('scatter plot');
  });

  it('prefers the export id, then conversation_id, over the index', () => {
    const docs = readBundle([
      conversation({}, { id: 'abc' }),
      conversation({}, { conversation_id: 'def' }),
      conversation({}, { id: '' }),
    ]);
    expect(docs.map((d) => d.origId)).toEqual(['abc', 'def', '2']);
  });

  it('skips null messages, image parts and empty text; counts only text sections', () => {
    const [doc] = readBundle([
      conversation({
        root: { message: null },
        a: { message: { content: { parts: ['hello kubernetes', { image: 'x' }] } } },
        b: { message: { content: { parts: [{ asset_pointer: 'file' }] } } },
        c: { message: { content: { parts: ['   '] } } },
        d: { message: { author: { role: 'system' } } },
      }),
    ]);
    expect(doc?.numSections).toBe(1);
    expect(doc?.text).toBe('T\nhello kubernetes');
  });

  it('gives a null timestamp when create_time is missing', () => {
    const [doc] = readBundle([conversation({}, { create_time: null })]);
    expect(doc?.timestamp).toBeNull();
  });

  it.each([
    ['not JSON', '{"conversations": [', /is not valid JSON/],
    ['a number', '42', /must be a JSON array of conversations or an object/],
    ['an object without conversations', '{"chats": []}', /"conversations" array/],
    ['conversations not an array', '{"conversations": {}}', /"conversations" array/],
    ['a conversation that is a string', '["x"]', /bundle: \[0\] must be an object/],
    ['a conversation without mapping', '[{"title": "x"}]', /\[0\]\.mapping must be an object/],
    ['a mapping node that is null', '[{"mapping": {"n1": null}}]', /mapping\["n1"\] must be/],
    [
      'parts that are not an array',
      '[{"mapping": {"n": {"message": {"content": {"parts": "text"}}}}}]',
      /content\.parts must be an array/,
    ],
    ['a message that is a number', '[{"mapping": {"n": {"message": 5}}}]', /message must be an/],
    ['create_time as a string', '[{"mapping": {}, "create_time": "yesterday"}]', /create_time/],
    ['create_time out of range', '[{"mapping": {}, "create_time": 1e300}]', /out of range/],
  ])('rejects %s with a specific error', (_, text, message) => {
    expect(() => parseBundleText(text)).toThrow(BundleError);
    expect(() => parseBundleText(text)).toThrow(message);
  });

  it('names the source and the conversation path in errors', () => {
    expect(() => readBundle({ conversations: [{}, 1] }, 'input.json')).toThrow(
      'input.json: conversations[0].mapping must be an object',
    );
  });

  it('refuses bundles over the conversation limit', () => {
    const huge = new Array(MAX_CONVERSATIONS + 1).fill(null);
    expect(() => readBundle(huge)).toThrow(/at most 100000 are accepted/);
  });

  it('treats hostile keys as plain data', () => {
    const [doc] = parseBundleText(
      '[{"__proto__": {"polluted": true}, "mapping": {"__proto__": {"message": null}}}]',
    );
    expect(doc?.numSections).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
