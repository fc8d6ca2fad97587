// The fake AI server's public surface, for `npm start`, scenarios and tests.
export { realTimeClock, sleep, type TimerClock } from '../src/kernel/virtual-clock.ts';
export { type ControlServer, startControlServer } from './control/server.ts';
export { buildGraph, DEFAULT_SEED, type GraphOptions } from './graph/build-graph.ts';
export { BundleError, parseBundleText, readBundle } from './graph/conversations.ts';
export { buildFeatures, buildSummary } from './graph/summary.ts';
export { syntheticConversations } from './graph/synthetic-bundle.ts';
export { Journal, type JournalEntry, type JournalFilter, type JournalKind } from './journal.ts';
export { accountTasks, type TaskAccount } from './journal-summary.ts';
export { builtinProfiles } from './profiles/builtin.ts';
export {
  type BehaviourProfile,
  DEFAULT_PROFILE,
  ProfileError,
  parseProfile,
} from './profiles/profile.ts';
export { PROFILE_ATTRIBUTE, ProfileRegistry, type ProfileRule } from './profiles/registry.ts';
export { ConfigError, configFromEnv, type FakeAiConfig } from './requests/config.ts';
export { type FakeAi, type FakeAiOptions, optionsFromConfig, startFakeAi } from './start.ts';
