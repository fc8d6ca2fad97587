// JSON Schemas of the request bodies. Unknown fields are rejected (the app's ajv does not strip
// them); the conversations' inner shape is checked against the contract's input-bundle schema.

const LANGUAGE = {
  type: 'string',
  pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$',
  maxLength: 35,
};
const CHAT_ID = { type: 'string', minLength: 1, maxLength: 256 };
const CLUSTERS = { type: 'integer', minimum: 1, maximum: 500 };

export const MAX_CONVERSATIONS = 10_000;

const conversations = {
  type: 'array',
  minItems: 1,
  maxItems: MAX_CONVERSATIONS,
  items: { type: 'object' },
} as const;

export const generateBody = {
  type: 'object',
  additionalProperties: false,
  required: ['conversations'],
  properties: {
    conversations,
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        includeSummary: { type: 'boolean' },
        summaryLanguage: LANGUAGE,
        language: LANGUAGE,
        minClusters: CLUSTERS,
        maxClusters: CLUSTERS,
        chatId: CHAT_ID,
      },
    },
  },
} as const;

export const addNodeBody = {
  type: 'object',
  additionalProperties: false,
  required: ['conversations'],
  properties: {
    conversations,
    options: {
      type: 'object',
      additionalProperties: false,
      properties: { language: LANGUAGE },
    },
  },
} as const;

export const summaryBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    options: {
      type: 'object',
      additionalProperties: false,
      properties: { language: LANGUAGE, chatId: CHAT_ID },
    },
  },
} as const;

export interface GenerateBody {
  conversations: unknown[];
  options?: {
    includeSummary?: boolean;
    summaryLanguage?: string;
    language?: string;
    minClusters?: number;
    maxClusters?: number;
    chatId?: string;
  };
}

export interface AddNodeBody {
  conversations: unknown[];
  options?: { language?: string };
}

export interface SummaryBody {
  options?: { language?: string; chatId?: string };
}
