// Every scenario, in the order the runner runs them (the soak last).
import type { ScenarioDefinition } from '../model.ts';
import { aiCrashBeforeDelete } from './ai-crash.ts';
import { aiSlowerThanVisibility } from './ai-slow.ts';
import { databaseOutage } from './database-outage.ts';
import { duplicateResults } from './duplicate-results.ts';
import { emulatorCrash } from './emulator-crash.ts';
import { emulatorErrors } from './emulator-errors.ts';
import { happyPath } from './happy-path.ts';
import { poisonRedrive } from './poison-redrive.ts';
import { contractDrift, missingResultObject, partialBatchFailures } from './poison-variants.ts';
import { progressAfterCompletion } from './progress-after-completion.ts';
import { racing } from './racing.ts';
import { duplicateResultsReal, happyPathReal, soakReal } from './real-dialect.ts';
import { reset } from './reset.ts';
import { soak } from './soak.ts';
import { stackCrash } from './stack-crash.ts';
import { workerKilled } from './worker-killed.ts';

export const SCENARIOS: readonly ScenarioDefinition[] = [
  happyPath,
  duplicateResults,
  poisonRedrive,
  aiCrashBeforeDelete,
  aiSlowerThanVisibility,
  workerKilled,
  databaseOutage,
  missingResultObject,
  contractDrift,
  partialBatchFailures,
  progressAfterCompletion,
  emulatorErrors,
  emulatorCrash,
  reset,
  stackCrash,
  racing,
  happyPathReal,
  duplicateResultsReal,
  soak,
  soakReal,
];
