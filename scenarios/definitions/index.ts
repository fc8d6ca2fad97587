// Every scenario, in the order the runner runs them (the soak last).
import type { ScenarioDefinition } from '../model.ts';
import { duplicateResults } from './duplicate-results.ts';
import { happyPath } from './happy-path.ts';
import { poisonRedrive } from './poison-redrive.ts';

export const SCENARIOS: readonly ScenarioDefinition[] = [happyPath, duplicateResults, poisonRedrive];
