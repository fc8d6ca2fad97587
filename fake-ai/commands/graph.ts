// `fake-ai graph <bundle.json> [--seed N] [--generated-at ISO]`: builds the graph of a bundle file
// and prints it, no queues involved. Returns an exit code instead of exiting, so tests call it.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildGraph, DEFAULT_SEED } from '../graph/build-graph.ts';
import { BundleError, parseBundleText } from '../graph/conversations.ts';

export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  now: () => number;
}

export const GRAPH_USAGE =
  'usage: fake-ai graph <bundle.json> [--seed N] [--generated-at ISO-8601] [--min-clusters N] [--max-clusters N]';

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw new BundleError(`${name} must be an integer, got "${value}"`);
  return Number(value);
}

export async function runGraphCommand(args: readonly string[], io: CommandIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    io.err(`${(error as Error).message}\n${GRAPH_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    io.err(`expected exactly one bundle file\n${GRAPH_USAGE}\n`);
    return 2;
  }
  const file = positionals[0] as string;
  try {
    const seed = integer(values.seed, '--seed') ?? DEFAULT_SEED;
    let now = io.now();
    if (values['generated-at'] !== undefined) {
      now = Date.parse(values['generated-at']);
      if (Number.isNaN(now)) {
        throw new BundleError(
          `--generated-at must be an ISO-8601 time, got "${values['generated-at']}"`,
        );
      }
    }
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new BundleError(`cannot read bundle ${file}: ${(error as Error).message}`);
    }
    const graph = buildGraph(parseBundleText(text, file), {
      seed,
      now,
      minClusters: integer(values['min-clusters'], '--min-clusters'),
      maxClusters: integer(values['max-clusters'], '--max-clusters'),
    });
    io.out(`${JSON.stringify(graph, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof BundleError) {
      io.err(`fake-ai graph: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      seed: { type: 'string' },
      'generated-at': { type: 'string' },
      'min-clusters': { type: 'string' },
      'max-clusters': { type: 'string' },
    },
  });
}
