// The same flows against an AI that speaks exactly as the real GraphNode AI server does today:
// naive microsecond timestamps, nine-key results with nulls, errorCode and chatId, the FAILED
// summary with the graph payload, [N단계] stages restarting at 0 %, real S3 shapes. Everything it
// sends is accepted with findings; nothing is parked for them, nothing lost or duplicated.
import type { ScenarioDefinition } from '../model.ts';
import { duplicateResults } from './duplicate-results.ts';
import { happyPath } from './happy-path.ts';
import { soakScenario } from './soak.ts';

const REAL = { dialect: 'real' } as const;

/**
 * `definition` with every fake-AI profile it uses (the default included) in the real dialect;
 * `builtIns` spells out the built-in profiles its load names, so they get a real twin too.
 */
export function inRealDialect(
  definition: ScenarioDefinition,
  name: string,
  builtIns: Record<string, object> = {},
): ScenarioDefinition {
  const profiles: Record<string, Record<string, unknown>> = {
    real: { ...REAL },
  };
  const declared = { ...builtIns, ...definition.faults?.aiProfiles };
  for (const [profile, settings] of Object.entries(declared)) {
    profiles[`${profile}-real`] = { ...(settings as object), ...REAL };
  }
  const builtIn = (profile: string | undefined) =>
    profile === undefined ? 'real' : profiles[`${profile}-real`] ? `${profile}-real` : profile;
  return {
    ...definition,
    name,
    title: `${definition.title}, real AI dialect`,
    given: [...definition.given, 'the AI speaking exactly as the real GraphNode AI server does'],
    outcomes: [...definition.outcomes, 'findings counted, none refused'],
    faults: { ...definition.faults, aiProfiles: profiles },
    load: definition.load.map((group) => ({ ...group, profile: builtIn(group.profile) })),
  };
}

export const happyPathReal = inRealDialect(happyPath, 'happy-path-real');
export const duplicateResultsReal = inRealDialect(duplicateResults, 'duplicate-results-real');
export const soakReal = inRealDialect(soakScenario(1_000, 'soak-real'), 'soak-real', {
  'progress-after-result': { progress: { enabled: true, afterResult: true } },
});
