// Generated from contracts/schemas/ by `npm run contracts:types`. Do not edit by hand.

/**
 * The object the API uploads to S3 (graph-generation/{taskId}/input.json) for the AI server: the user's conversations in chat-export format.
 */
export interface InputBundle {
  conversations: Conversation[];
  [k: string]: unknown;
}
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
