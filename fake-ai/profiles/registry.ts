// Which profile applies to a request. Order: the request's `fakeAiProfile` message attribute (a
// profile name), then the first rule matching its user id or task type, then the default. The
// registry is loaded from a config file and the environment and can be changed at run time through
// the control API.
import { builtinProfiles } from './builtin.ts';
import { type BehaviourProfile, ProfileError, parseProfile } from './profile.ts';

/** SQS message attribute a producer (or a test) sets to pick a profile for one request. */
export const PROFILE_ATTRIBUTE = 'fakeAiProfile';

export interface ProfileRule {
  userId?: string | undefined;
  taskType?: string | undefined;
  profile: string;
}

export interface ProfileSettings {
  seed: number;
  defaultProfile: string;
  profiles: Record<string, BehaviourProfile>;
  rules: ProfileRule[];
}

export interface Selection {
  profile: BehaviourProfile;
  /** Why this profile: attribute, rule #n, default. */
  reason: string;
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export class ProfileRegistry {
  #profiles = builtinProfiles();
  #default = 'default';
  #rules: ProfileRule[] = [];
  seed = 42;

  /** Adds or replaces a named profile (partial settings are filled from the default profile). */
  put(name: string, spec: unknown): BehaviourProfile {
    const input = isObject(spec) ? { ...spec, name } : spec;
    const profile = parseProfile(input, `profiles.${name}`);
    this.#profiles.set(profile.name, profile);
    return profile;
  }

  get(name: string): BehaviourProfile | undefined {
    return this.#profiles.get(name);
  }

  /** The default profile: a known name, or an inline (partial) profile stored as `custom`. */
  setDefault(spec: unknown): BehaviourProfile {
    if (typeof spec === 'string') {
      const profile = this.#require(spec, 'default profile');
      this.#default = spec;
      return profile;
    }
    const name = isObject(spec) && typeof spec.name === 'string' ? spec.name : 'custom';
    this.put(name, spec);
    this.#default = name;
    return this.#require(name, 'default profile');
  }

  setRules(input: unknown): void {
    if (!Array.isArray(input)) throw new ProfileError('rules must be an array');
    this.#rules = input.map((rule, i) => this.#parseRule(rule, `rules[${i}]`));
  }

  select(request: {
    userId?: string | undefined;
    taskType?: string | undefined;
    attribute?: string | undefined;
  }): Selection {
    if (request.attribute !== undefined) {
      const named = this.#profiles.get(request.attribute);
      if (named) return { profile: named, reason: `attribute ${PROFILE_ATTRIBUTE}` };
    }
    const index = this.#rules.findIndex(
      (r) =>
        (r.userId === undefined || r.userId === request.userId) &&
        (r.taskType === undefined || r.taskType === request.taskType),
    );
    const rule = this.#rules[index];
    if (rule) return { profile: this.#require(rule.profile, 'rule'), reason: `rule #${index}` };
    return { profile: this.#require(this.#default, 'default profile'), reason: 'default' };
  }

  settings(): ProfileSettings {
    return {
      seed: this.seed,
      defaultProfile: this.#default,
      profiles: Object.fromEntries(this.#profiles),
      rules: structuredClone(this.#rules),
    };
  }

  /**
   * Applies a config object: `{seed?, profiles?: {name: profile}, default?: name | profile,
   * rules?: [{userId?, taskType?, profile}]}`. Checks everything before changing anything.
   */
  configure(config: unknown, where = 'config'): void {
    if (!isObject(config)) throw new ProfileError(`${where} must be a JSON object`);
    for (const key of Object.keys(config)) {
      if (!['seed', 'profiles', 'default', 'rules'].includes(key)) {
        throw new ProfileError(
          `${where}.${key} is not a setting (allowed: seed, profiles, default, rules)`,
        );
      }
    }
    const next = new ProfileRegistry();
    next.#profiles = new Map(this.#profiles);
    next.#default = this.#default;
    next.#rules = this.#rules;
    next.seed = this.seed;
    if (config.seed !== undefined) {
      if (typeof config.seed !== 'number' || !Number.isInteger(config.seed)) {
        throw new ProfileError(`${where}.seed must be an integer`);
      }
      next.seed = config.seed;
    }
    if (config.profiles !== undefined) {
      if (!isObject(config.profiles)) throw new ProfileError(`${where}.profiles must be an object`);
      for (const [name, spec] of Object.entries(config.profiles)) next.put(name, spec);
    }
    if (config.default !== undefined) next.setDefault(config.default);
    if (config.rules !== undefined) next.setRules(config.rules);
    this.#profiles = next.#profiles;
    this.#default = next.#default;
    this.#rules = next.#rules;
    this.seed = next.seed;
  }

  #require(name: string, what: string): BehaviourProfile {
    const profile = this.#profiles.get(name);
    if (!profile) {
      throw new ProfileError(
        `${what} "${name}" is not a known profile (known: ${[...this.#profiles.keys()].join(', ')})`,
      );
    }
    return profile;
  }

  #parseRule(rule: unknown, where: string): ProfileRule {
    if (!isObject(rule)) throw new ProfileError(`${where} must be an object`);
    for (const key of Object.keys(rule)) {
      if (!['userId', 'taskType', 'profile'].includes(key)) {
        throw new ProfileError(
          `${where}.${key} is not a rule field (allowed: userId, taskType, profile)`,
        );
      }
    }
    for (const key of ['userId', 'taskType'] as const) {
      if (rule[key] !== undefined && typeof rule[key] !== 'string') {
        throw new ProfileError(`${where}.${key} must be a string`);
      }
    }
    if (typeof rule.profile !== 'string')
      throw new ProfileError(`${where}.profile must be a profile name`);
    this.#require(rule.profile, `${where}.profile`);
    return {
      userId: rule.userId as string | undefined,
      taskType: rule.taskType as string | undefined,
      profile: rule.profile,
    };
  }
}
