// Runtime validation of contract messages and S3 objects (ajv + ajv-formats), compiled once at
// module load because it sits on every send and receive. Two readings of the same schemas:
// strict (outgoing: unknown fields rejected, so a producer never emits anything off-contract) and
// tolerant (incoming: additive fields from a newer producer are accepted and kept).
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import * as ajvFormats from 'ajv-formats';
import { type ContractViolation, ContractViolationError, type ValidationResult } from './errors.ts';
import type { GraphOutput } from './generated/graph-output.ts';
import type { InputBundle } from './generated/input-bundle.ts';
import type { GraphSummary } from './generated/summary.ts';
import { type JsonSchema, loadSchemas, MANIFEST } from './manifest.ts';
import { type ContractMessage, isTaskType, type TaskType } from './task-types.ts';
import { isContractTimestamp } from './timestamp.ts';

/** SQS's own body limit (1 MiB); a larger body cannot be a message we sent. */
export const MAX_BODY_BYTES = 1_048_576;

type Mode = 'strict' | 'tolerant';

/**
 * The tolerant reading of a schema: every `additionalProperties: false` dropped, so fields added
 * by a newer minor version pass. The Python kit applies the same transformation.
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
  });
  // ajv-formats is CommonJS; its callable export is the module itself.
  const addFormats = ajvFormats.default as unknown as (a: Ajv) => Ajv;
  addFormats(ajv);
  // The contract pins one instant format; a wider RFC 3339 check would let +00:00 offsets through
  // the format rule (the pattern still catches them, but both languages report both rules alike).
  ajv.addFormat('date-time', { type: 'string', validate: isContractTimestamp });
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
): ValidationResult<T> {
  if (validate(value)) return { ok: true, message: value as T };
  return { ok: false, error: new ContractViolationError(subject, toViolations(validate.errors)) };
}

function validateMessage(value: unknown, mode: Mode): ValidationResult<ContractMessage> {
  const validators = mode === 'strict' ? STRICT : TOLERANT;
  const taskType =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as { taskType?: unknown }).taskType
      : undefined;
  const validate = isTaskType(taskType) ? validators.messages.get(taskType) : undefined;
  // Unknown or missing taskType: the envelope schema explains what is wrong with it.
  const subject = typeof taskType === 'string' ? taskType : undefined;
  return validateWith<ContractMessage>(validate ?? validators.envelope, subject, value);
}

/** Strict check before sending: returns the message typed, or throws ContractViolationError. */
export function validateOutgoing(message: unknown): ContractMessage {
  const result = validateMessage(message, 'strict');
  if (!result.ok) throw result.error;
  return result.message;
}

/** Tolerant check on receive: additive fields pass; anything else is a violation. */
export function validateIncoming(message: unknown): ValidationResult<ContractMessage> {
  return validateMessage(message, 'tolerant');
}

/** Decodes an SQS message body and validates it as incoming. */
export function parseMessageBody(body: string | undefined): ValidationResult<ContractMessage> {
  if (body === undefined || body.trim() === '') {
    return jsonViolation('message body is empty');
  }
  if (Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES) {
    return jsonViolation(`message body is larger than ${MAX_BODY_BYTES} bytes`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    return jsonViolation(`is not valid JSON: ${(error as Error).message}`);
  }
  return validateIncoming(parsed);
}

function jsonViolation(message: string): { ok: false; error: ContractViolationError } {
  return {
    ok: false,
    error: new ContractViolationError(undefined, [{ path: '', rule: 'json', message }]),
  };
}

function objectValidator(name: string, validators: Validators = TOLERANT): ValidateFunction {
  const validate = validators.objects.get(name);
  if (!validate) throw new Error(`contract.json names no object schema ${name}`);
  return validate;
}

/** The graph output the AI server writes to S3 (tolerant: additive fields pass). */
export function validateGraphOutput(obj: unknown): ValidationResult<GraphOutput> {
  return validateWith<GraphOutput>(objectValidator('graphOutput'), 'GRAPH_OUTPUT', obj);
}

/** Strict check of a graph output before writing it (fake AI server, fixtures). */
export function validateGraphOutputStrict(obj: unknown): ValidationResult<GraphOutput> {
  return validateWith<GraphOutput>(objectValidator('graphOutput', STRICT), 'GRAPH_OUTPUT', obj);
}

/** The input bundle ({ conversations: [...] }) the API uploads for the AI server. */
export function validateInputBundle(obj: unknown): ValidationResult<InputBundle> {
  return validateWith<InputBundle>(objectValidator('inputBundle'), 'INPUT_BUNDLE', obj);
}

/** The summary object the AI server writes to S3. */
export function validateSummary(obj: unknown): ValidationResult<GraphSummary> {
  return validateWith<GraphSummary>(objectValidator('summary'), 'GRAPH_SUMMARY', obj);
}

// ---- ajv errors → violations -------------------------------------------------------------

const TIMESTAMP_HINT =
  'must be a UTC timestamp with milliseconds and Z, e.g. 2026-11-26T07:00:00.000Z';

function toViolations(errors: ErrorObject[] | null | undefined): ContractViolation[] {
  const out: ContractViolation[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    const violation = toViolation(error);
    if (!violation) continue;
    const key = `${violation.path}\u0000${violation.rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(violation);
  }
  return out;
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
      if (error.schemaPath.includes('/definitions/timestamp/')) {
        return { path, rule: error.keyword, message: TIMESTAMP_HINT };
      }
      if (error.schemaPath.includes('/definitions/taskId/')) {
        return { path, rule: error.keyword, message: 'must look like task_{userId}_{ULID}' };
      }
      return { path, rule: error.keyword, message: error.message ?? 'is malformed' };
    default:
      return { path, rule: error.keyword, message: error.message ?? 'is invalid' };
  }
}
