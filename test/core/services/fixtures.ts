// Sample objects for producer and worker tests: the contract's golden examples.

import { readFileSync } from 'node:fs';

function example(path: string): unknown {
  return JSON.parse(
    readFileSync(new URL(`../../../contracts/examples/objects/${path}`, import.meta.url), 'utf8'),
  ) as unknown;
}

export const INPUT_BUNDLE = example('input-bundle/valid/two-conversations.json') as {
  conversations: unknown[];
};
export const CONVERSATIONS: unknown[] = INPUT_BUNDLE.conversations;
export const GRAPH_OUTPUT = example('graph-output/valid/two-clusters.json');
export const SUMMARY = example('summary/valid/english.json');
