// Reads an input bundle (a bare array of ChatGPT-export conversations, or `{conversations: [...]}`
// as the API uploads it) into the flat records the graph builder works on. Export files are messy
// (null root messages, image parts, missing times), so only the structure we rely on is checked,
// and every rejection names the offending path.
import { formatTimestamp } from '../../src/contracts/index.ts';

export class BundleError extends Error {
  override name = 'BundleError';
}

/** One conversation as the graph builder sees it. */
export interface ConversationDoc {
  /** The id the back end knows the conversation by (`id`/`conversation_id`, else its index). */
  origId: string;
  title: string;
  /** ISO-8601 UTC from `create_time`, or null when the export has none. */
  timestamp: string | null;
  /** Messages with text (user, assistant, tool), the unit the AI server calls sections. */
  numSections: number;
  /** Title and message text joined, the input to keyword extraction. */
  text: string;
}

export const MAX_CONVERSATIONS = 100_000;

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses bundle text; the error says what is wrong with the JSON and where it came from. */
export function parseBundleText(text: string, source = 'bundle'): ConversationDoc[] {
  let parsed: Json;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new BundleError(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  return readBundle(parsed, source);
}

/** Accepts a parsed bundle: an array of conversations or an object with a `conversations` array. */
export function readBundle(bundle: Json, source = 'bundle'): ConversationDoc[] {
  let list: Json[];
  let path: string;
  if (Array.isArray(bundle)) {
    list = bundle;
    path = '';
  } else if (isObject(bundle) && Array.isArray(bundle.conversations)) {
    list = bundle.conversations;
    path = 'conversations';
  } else {
    throw new BundleError(
      `${source} must be a JSON array of conversations or an object with a "conversations" array`,
    );
  }
  if (list.length > MAX_CONVERSATIONS) {
    throw new BundleError(
      `${source} holds ${list.length} conversations; at most ${MAX_CONVERSATIONS} are accepted`,
    );
  }
  return list.map((item, index) => readConversation(item, index, `${source}: ${path}[${index}]`));
}

function readConversation(item: Json, index: number, where: string): ConversationDoc {
  if (!isObject(item)) throw new BundleError(`${where} must be an object`);
  const { mapping } = item;
  if (!isObject(mapping)) throw new BundleError(`${where}.mapping must be an object`);
  const title = typeof item.title === 'string' ? item.title : '';
  const texts: string[] = title ? [title] : [];
  let numSections = 0;
  for (const [key, node] of Object.entries(mapping)) {
    if (!isObject(node)) throw new BundleError(`${where}.mapping["${key}"] must be an object`);
    const message = node.message;
    if (message === null || message === undefined) continue;
    if (!isObject(message)) {
      throw new BundleError(`${where}.mapping["${key}"].message must be an object or null`);
    }
    const content = message.content;
    const parts = isObject(content) ? content.parts : undefined;
    if (parts !== undefined && !Array.isArray(parts)) {
      throw new BundleError(`${where}.mapping["${key}"].message.content.parts must be an array`);
    }
    // Non-string parts are images and attachments: not text, not counted.
    const text = (parts ?? []).filter((p): p is string => typeof p === 'string').join('\n');
    if (text.trim() === '') continue;
    numSections++;
    texts.push(text);
  }
  return {
    origId: readOrigId(item, index),
    title,
    timestamp: readTimestamp(item.create_time, `${where}.create_time`),
    numSections,
    text: texts.join('\n'),
  };
}

function readOrigId(item: Record<string, Json>, index: number): string {
  for (const key of ['id', 'conversation_id']) {
    const value = item[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return String(index);
}

function readTimestamp(value: Json, where: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new BundleError(`${where} must be a number of seconds since the epoch or null`);
  }
  try {
    return formatTimestamp(Math.round(value * 1000));
  } catch {
    throw new BundleError(`${where} is out of range`);
  }
}
