// Runtime validation of contract messages and S3 objects (ajv + ajv-formats), compiled once at
// module load because it sits on every send and receive. One set of schemas, two readings:
// - incoming (tolerant reader): unknown fields pass; a value breaking a subschema tagged
//   `x-finding` is still accepted and reported as that finding (accepted, not conformant);
// - outgoing (our own producers): unknown fields are rejected and findings count as violations,
//   so nothing we send is off-contract or non-conformant.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import * as ajvFormats from 'ajv-formats';
import {
  type ContractFinding,
  type ContractViolation,
  ContractViolationError,
  type ValidationResult,
} from './errors.ts';
import type { GraphOutput } from './generated/graph-output.ts';
import type { InputBundle } from './generated/input-bundle.ts';
import type { GraphSummary } from './generated/summary.ts';
import { type JsonSchema, loadSchemas, MANIFEST } from './manifest.ts';
import { type ContractMessage, isTaskType, type TaskType } from './task-types.ts';
import { isAcceptedTimestamp } from './timestamp.ts';

/** SQS's own body limit (1 MiB); a larger body cannot be a message a real producer sent. */
export const MAX_BODY_BYTES = 1_048_576;

type Mode = 'strict' | 'tolerant';

/** The annotation marking a conformance rule in the schemas; its value names the finding. */
export const FINDING_KEYWORD = 'x-finding';

/**
 * The tolerant reading of a schema: every `additionalProperties: false` dropped, so fields added
 * by a newer producer pass. The Python kit applies the same transformation.
 */
export function tolerantSchema<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map((item) => tolerantSchema(item)) as T;
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'additionalProperties' && value === false) continue;
    out[key] = tolerantSchema(value);
  }
  return out as T;
}

function createAjv(schemas: Map<string, JsonSchema>, mode: Mode): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    // if/then rules require fields declared in the sibling `properties`, not inside `then`.
    strictRequired: false,
    allowUnionTypes: true,
    // parentSchema on every error: a failing keyword inside an x-finding subschema is a finding.
    verbose: true,
  });
  // ajv-formats is CommonJS; its callable export is the module itself.
  const addFormats = ajvFormats.default as unknown as (a: Ajv) => Ajv;
  addFormats(ajv);
  ajv.addKeyword({ keyword: FINDING_KEYWORD, schemaType: 'string' });
  // The pattern fixes the shape; the format checks it names a real instant (no Feb 30), alike in
  // both languages.
  ajv.addFormat('date-time', { type: 'string', validate: isAcceptedTimestamp });
  for (const schema of schemas.values()) {
    ajv.addSchema(mode === 'strict' ? schema : tolerantSchema(schema));
  }
  return ajv;
}

interface Validators {
  envelope: ValidateFunction;
  messages: Map<TaskType, ValidateFunction>;
  objects: Map<string, ValidateFunction>;
}

function compile(mode: Mode): Validators {
  const schemas = loadSchemas(MANIFEST);
  const ajv = createAjv(schemas, mode);
  const get = (file: string): ValidateFunction => {
    const validate = ajv.getSchema(`${MANIFEST.schemaBaseUri}${file}`);
    if (!validate) throw new Error(`contract schema ${file} is not loaded`);
    return validate;
  };
  const messages = new Map<TaskType, ValidateFunction>();
  for (const [taskType, file] of Object.entries(MANIFEST.messages)) {
    if (!isTaskType(taskType)) throw new Error(`contract.json names unknown type ${taskType}`);
    messages.set(taskType, get(file));
  }
  const objects = new Map<string, ValidateFunction>();
  for (const [name, file] of Object.entries(MANIFEST.objects)) objects.set(name, get(file));
  return { envelope: get(MANIFEST.envelope), messages, objects };
}

const STRICT = compile('strict');
const TOLERANT = compile('tolerant');

function validateWith<T>(
  validate: ValidateFunction,
  subject: string | undefined,
  value: unknown,
  mode: Mode,
): ValidationResult<T> {
  if (validate(value)) return { ok: true, message: value as T, findings: [] };
  const { violations, findings } = sortErrors(validate.errors);
  // Outgoing, a finding is a defect of our own producer: refuse to send it.
  const refused = mode === 'strict' ? [...violations, ...findings] : violations;
  if (refused.length === 0) return { ok: true, message: value as T, findings };
  return { ok: false, error: new ContractViolationError(subject, refused), findings };
}

function taskTypeOf(value: unknown): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as { taskType?: unknown }).taskType
    : undefined;
}

/** A message's verdict in either reading (strict: findings are refused too, and still listed). */
export function validateMessage(value: unknown, mode: Mode): ValidationResult<ContractMessage> {
  const validators = mode === 'strict' ? STRICT : TOLERANT;
  const taskType = taskTypeOf(value);
  const validate = isTaskType(taskType) ? validators.messages.get(taskType) : undefined;
  // Unknown or missing taskType: the envelope schema explains what is wrong with it.
  const subject = typeof taskType === 'string' ? taskType : undefined;
  return validateWith<ContractMessage>(validate ?? validators.envelope, subject, value, mode);
}

/** Exact check before sending (no unknown fields, no findings): the message, or a throw. */
export function validateOutgoing(message: unknown): ContractMessage {
  const result = validateMessage(message, 'strict');
  if (!result.ok) throw result.error;
  return result.message;
}

/** The tolerant reader on receive: accepted (maybe with findings) or rejected. */
export function validateIncoming(message: unknown): ValidationResult<ContractMessage> {
  return validateMessage(message, 'tolerant');
}

/** Decodes an SQS message body and validates it as incoming. */
export function parseMessageBody(body: string | undefined): ValidationResult<ContractMessage> {
  const decoded = decodeBody(body);
  return decoded.ok ? validateIncoming(decoded.value) : decoded.result;
}

type Decoded = { ok: true; value: unknown } | { ok: false; result: ValidationResult<never> };

/** JSON.parse with the body checks every reader makes first: empty, oversized, not JSON. */
export function decodeBody(body: string | undefined): Decoded {
  if (body === undefined || body.trim() === '') return jsonViolation('message body is empty');
  if (Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES) {
    return jsonViolation(`message body is larger than ${MAX_BODY_BYTES} bytes`, 'maxBytes');
  }
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    return jsonViolation(`is not valid JSON: ${(error as Error).message}`);
  }
}

function jsonViolation(message: string, rule = 'json'): Decoded {
  const error = new ContractViolationError(undefined, [{ path: '', rule, message }]);
  return { ok: false, result: { ok: false, error, findings: [] } };
}

/** The S3 objects of the contract, by their name in contract.json `objects`. */
export type ObjectKind = 'chatExport' | 'inputBundle' | 'graphOutput' | 'summary';

const OBJECT_SUBJECTS: Record<ObjectKind, string> = {
  chatExport: 'CHAT_EXPORT',
  inputBundle: 'INPUT_BUNDLE',
  graphOutput: 'GRAPH_OUTPUT',
  summary: 'GRAPH_SUMMARY',
};

/** Checks an S3 object: tolerant (as read) or strict (before our fake AI writes it). */
export function validateObject<T = unknown>(
  kind: ObjectKind,
  obj: unknown,
  mode: Mode = 'tolerant',
): ValidationResult<T> {
  const validate = (mode === 'strict' ? STRICT : TOLERANT).objects.get(kind);
  if (!validate) throw new Error(`contract.json names no object schema ${kind}`);
  return validateWith<T>(validate, OBJECT_SUBJECTS[kind], obj, mode);
}

/** The graph output the AI server writes to S3 (tolerant: additive fields pass). */
export function validateGraphOutput(obj: unknown): ValidationResult<GraphOutput> {
  return validateObject<GraphOutput>('graphOutput', obj);
}

/** Exact check of a graph output before writing it (fake AI server, fixtures). */
export function validateGraphOutputStrict(obj: unknown): ValidationResult<GraphOutput> {
  return validateObject<GraphOutput>('graphOutput', obj, 'strict');
}

/** The input bundle ({ conversations: [...] }) the API uploads for the AI server. */
export function validateInputBundle(obj: unknown): ValidationResult<InputBundle> {
  return validateObject<InputBundle>('inputBundle', obj);
}

/** The summary object the AI server writes to S3 (tolerant). */
export function validateSummary(obj: unknown): ValidationResult<GraphSummary> {
  return validateObject<GraphSummary>('summary', obj);
}

/** Exact check of a summary before writing it (fake AI server, fixtures). */
export function validateSummaryStrict(obj: unknown): ValidationResult<GraphSummary> {
  return validateObject<GraphSummary>('summary', obj, 'strict');
}

// ---- ajv errors → violations and findings --------------------------------------------------

const TIMESTAMP_HINT =
  'must be an ISO-8601 instant naming a real date and time, e.g. 2026-11-26T07:00:00.000Z';
const TASK_ID_HINT =
  'must be a task id of the form the back end makes for this type (see taskIdForms in contract.json)';

function findingTag(error: ErrorObject): string | undefined {
  const parent = error.parentSchema as Record<string, unknown> | undefined;
  const tag = parent?.[FINDING_KEYWORD];
  return typeof tag === 'string' ? tag : undefined;
}

/** The plain-language text of a finding, from contract.json `findings`. */
export function findingMessage(rule: string): string {
  return MANIFEST.findings[rule] ?? rule;
}

function sortErrors(errors: ErrorObject[] | null | undefined): {
  violations: ContractViolation[];
  findings: ContractFinding[];
} {
  const violations: ContractViolation[] = [];
  const findings: ContractFinding[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    const tag = findingTag(error);
    const entry = tag
      ? { path: error.instancePath, rule: tag, message: findingMessage(tag) }
      : toViolation(error);
    if (!entry) continue;
    const key = `${entry.path}\u0000${entry.rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    (tag ? findings : violations).push(entry);
  }
  // A value that is rejected outright is not also "non-conformant": keep the error alone.
  const broken = new Set(violations.map((v) => v.path));
  return { violations, findings: findings.filter((f) => !broken.has(f.path)) };
}

function toViolation(error: ErrorObject): ContractViolation | undefined {
  const path = error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'if':
      // The failing `then` branch is reported on its own, with the field it requires.
      return undefined;
    case 'required':
      return {
        path: `${path}/${String(params.missingProperty)}`,
        rule: 'required',
        message: 'is required',
      };
    case 'additionalProperties':
      return {
        path: `${path}/${String(params.additionalProperty)}`,
        rule: 'additionalProperties',
        message: 'is not a field of the contract',
      };
    case 'const':
      return { path, rule: 'const', message: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'enum':
      return {
        path,
        rule: 'enum',
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'pattern':
    case 'format':
      if (/\/definitions\/(nullableT|t)imestamp\//.test(error.schemaPath)) {
        return { path, rule: error.keyword, message: TIMESTAMP_HINT };
      }
      if (/\/definitions\/\w*[tT]askId\//.test(error.schemaPath)) {
        return { path, rule: error.keyword, message: TASK_ID_HINT };
      }
      return { path, rule: error.keyword, message: error.message ?? 'is malformed' };
    default:
      return { path, rule: error.keyword, message: error.message ?? 'is invalid' };
  }
}
