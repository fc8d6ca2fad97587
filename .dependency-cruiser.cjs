// Layering rules, checked by `npm run check` (depcruise). Arrows point down only:
//   app (composition root) → api, workers, infra, emulator, fake-ai → core → contracts → kernel.
// Entry files (what `npm run …` and docker-compose start) may import the composition root; nothing
// else may. See ARCHITECTURE.md for the picture and for where each kind of change goes.
/** Entry points: thin files that read the environment and call src/app/. */
const ENTRY =
  '^(src/app/start\\.ts|src/api/server\\.ts|src/workers/index\\.ts|src/emulator/cli\\.ts|src/infra/aws/setup-cli\\.ts|fake-ai/cli\\.ts|scenarios/run\\.ts|verify/run\\.ts)$';

/** Each layer with the layers it must not import (our own code only; npm packages are free). */
const forbidden = (name, from, to, comment, pathNot) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from, ...(pathNot ? { pathNot } : {}) },
  to: { path: to },
});

module.exports = {
  forbidden: [
    forbidden(
      'kernel-imports-nothing-of-ours',
      '^src/kernel/',
      '^(src/(?!kernel/)|fake-ai/|scenarios/|test/|bench/|scripts/)',
      'src/kernel is the bottom layer: clock, randomness, ids, SQS batching. It imports no other layer.',
    ),
    forbidden(
      'contracts-only-kernel',
      '^src/contracts/',
      '^(src/(?!kernel/|contracts/)|fake-ai/|scenarios/|test/|bench/)',
      'Contracts (schemas, validators, builders) sit on the kernel alone.',
    ),
    forbidden(
      'core-no-adapters-or-callers',
      '^src/core/',
      '^(src/(api|workers|infra|app|emulator)/|fake-ai/|scenarios/|test/|bench/)',
      'The domain and its services depend on ports, never on adapters, transports or callers.',
    ),
    forbidden(
      'emulator-self-contained',
      '^src/emulator/',
      '^(src/(?!kernel/|emulator/)|fake-ai/|scenarios/|test/|bench/)',
      'The emulator knows nothing of the pipeline it serves: only the kernel and itself.',
    ),
    forbidden(
      'adapters-never-import-callers',
      '^src/infra/',
      '^(src/(api|workers|app|emulator)/|fake-ai/|scenarios/|test/|bench/)',
      'Adapters implement ports for the core; they never reach back up into the API, workers or the composition root.',
      ENTRY,
    ),
    forbidden(
      'api-no-adapters',
      '^src/api/',
      '^(src/(workers|infra|app|emulator)/|fake-ai/|scenarios/|test/|bench/)',
      'The HTTP API is built on core services and ports; adapters are wired in by src/app/.',
      ENTRY,
    ),
    forbidden(
      'workers-no-adapters',
      '^src/workers/',
      '^(src/(api|infra|app|emulator)/|fake-ai/|scenarios/|test/|bench/)',
      'The result worker is built on core services and ports; adapters are wired in by src/app/.',
      ENTRY,
    ),
    forbidden(
      'app-is-the-top',
      '^src/',
      '^(src/app/|scenarios/|test/|bench/)',
      'Only entry files import the composition root.',
      `${ENTRY}|^src/app/`,
    ),
    forbidden(
      'fake-ai-on-kernel-and-contracts',
      '^fake-ai/',
      '^(src/(?!kernel/|contracts/)|scenarios/|test/|bench/)',
      'The fake AI stands in for a foreign process: it shares only the kernel and the contracts.',
      ENTRY,
    ),
    forbidden(
      'scenarios-use-public-surfaces',
      '^scenarios/',
      '^(src/emulator/(?!index\\.ts$|control/client\\.ts$)|fake-ai/(?!index\\.ts$)|test/|bench/)',
      'Scenarios drive the emulator and the fake AI through their public surfaces only.',
    ),
    forbidden(
      'verify-uses-public-surfaces',
      '^verify/',
      '^(src/(?!kernel/|contracts/|infra/recording/|emulator/index\\.ts$|emulator/control/client\\.ts$)|src/emulator/(?!index\\.ts$|control/client\\.ts$)|fake-ai/|scenarios/(?!report/html\\.ts$|report/write\\.ts$)|test/|bench/)',
      'verify puts foreign processes under test: it plays the other party with the contracts, drives the emulator only through src/emulator/index.ts and the control client, and shares the scenario report drawing; it never uses our own parties (fake AI, app, workers).',
    ),
    {
      name: 'no-circular',
      comment: 'Import cycles hide which module owns a concept.',
      severity: 'error',
      from: { path: '^(src|fake-ai|scenarios|verify)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|contracts/python|reports|coverage)/' },
    parser: 'swc',
    tsPreCompilationDeps: false,
    moduleSystems: ['es6'],
  },
};
