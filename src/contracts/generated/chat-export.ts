// Generated from contracts/schemas/ by `npm run contracts:types`. Do not edit by hand.

/**
 * A chat export: an array of conversations in the ChatGPT export format. Real exports carry more fields than listed here; readers ignore them, so unknown fields are allowed.
 */
export type ChatExport = Conversation[];

export interface Conversation {
  title: string | null;
  /**
   * Unix seconds.
   */
  create_time: number | null;
  /**
   * Unix seconds.
   */
  update_time?: number | null;
  mapping: {
    [k: string]: ConversationNode;
  };
  [k: string]: unknown;
}
export interface ConversationNode {
  id: string;
  message?: null | ChatMessage;
  parent: string | null;
  children: string[];
  [k: string]: unknown;
}
export interface ChatMessage {
  id: string;
  author: {
    role: 'user' | 'assistant' | 'system' | 'tool';
    [k: string]: unknown;
  };
  content: {
    content_type: string;
    parts?: unknown[];
    [k: string]: unknown;
  };
  [k: string]: unknown;
}
