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

const GROUP_ID = { type: 'string', minLength: 1, maxLength: 256 } as const;
const SCHEMA_NAME = { type: 'string', minLength: 1, maxLength: 256 } as const;

export const microscopeFileBody = {
  type: 'object',
  additionalProperties: false,
  required: ['groupId', 's3Key', 'fileName'],
  properties: {
    groupId: GROUP_ID,
    s3Key: { type: 'string', minLength: 1, maxLength: 1024 },
    fileName: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[^/\\\\]+$' },
    schemaName: SCHEMA_NAME,
    blocking: { type: 'boolean' },
  },
} as const;

export const microscopeNodeBody = {
  type: 'object',
  additionalProperties: false,
  required: ['groupId', 'nodeId', 'nodeType'],
  properties: {
    groupId: GROUP_ID,
    nodeId: { type: 'string', minLength: 1, maxLength: 256, pattern: '^[^/\\s]+$' },
    nodeType: { type: 'string', enum: ['note', 'conversation'] },
    schemaName: SCHEMA_NAME,
    language: LANGUAGE,
    blocking: { type: 'boolean' },
  },
} as const;

export type {
  MicroscopeFileOptions as MicroscopeFileBody,
  MicroscopeNodeOptions as MicroscopeNodeBody,
} from '../core/services/task-submission.ts';

export interface SummaryBody {
  options?: { language?: string; chatId?: string };
}
