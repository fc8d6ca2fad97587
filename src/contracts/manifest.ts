// The contract manifest (contracts/contract.json) and the JSON Schemas it names, read once from the
// single source of truth in contracts/. Both the TypeScript validators and the Python kit read
// these same files.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CONTRACTS_DIR = fileURLToPath(new URL('../../contracts', import.meta.url));
const SCHEMAS_DIR = fileURLToPath(new URL('../../contracts/schemas', import.meta.url));

/** A JSON Schema document as parsed from disk. */
export type JsonSchema = { $id?: string; [keyword: string]: unknown };

export interface ContractManifest {
  name: string;
  version: string;
  schemaBaseUri: string;
  envelope: string;
  messages: Record<string, string>;
  /** Per task type: direction, task-id form and request↔result/progress pairing. */
  catalogue: Record<string, CatalogueEntry>;
  /** Task-id forms: envelope.schema.json definition name → how the back end spells it. */
  taskIdForms: Record<string, string>;
  /** Known defects of the real producers, accepted on receive: rule → plain-language message. */
  findings: Record<string, string>;
  objects: Record<string, string>;
  queues: Record<'request' | 'result', ManifestQueue>;
  redrive: { maxReceiveCount: number };
}

export interface CatalogueEntry {
  direction: 'request' | 'progress' | 'result';
  /** The envelope.schema.json definition the task id follows. */
  taskIdForm: string;
  /** Request: the type that ends the task. */
  result?: string;
  /** Request: the type reporting progress, if any. */
  progress?: string;
  /** Progress or result: the request it answers. */
  answers?: string;
}

export interface ManifestQueue {
  name: string;
  deadLetterQueue: string;
  /** Pact participant that sends on this queue. */
  producer: string;
  /** Pact participant that receives from this queue. */
  consumer: string;
  /** Task types carried, as named in `messages`. */
  messages: string[];
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function loadManifest(dir: string = CONTRACTS_DIR): ContractManifest {
  return readJson(`${dir}/contract.json`) as ContractManifest;
}

/** Every schema file named by the manifest, keyed by file name. */
export function loadSchemas(
  manifest: ContractManifest,
  dir: string = SCHEMAS_DIR,
): Map<string, JsonSchema> {
  const names = new Set([
    manifest.envelope,
    ...Object.values(manifest.messages),
    ...Object.values(manifest.objects),
  ]);
  const schemas = new Map<string, JsonSchema>();
  for (const name of [...names].sort()) {
    schemas.set(name, readJson(`${dir}/${name}`) as JsonSchema);
  }
  return schemas;
}

export const MANIFEST: ContractManifest = loadManifest();
