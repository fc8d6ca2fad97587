// SQS is regional: queues of the same name in two regions are different queues. One engine and
// one set of move tasks per region, made on first use, sharing the clock, the id source, the
// fault hooks and the emulator's settings. The emulator's own region is made at once.
import { SqsEngine } from './engine.ts';
import { MAX_REGIONS, REGION_PATTERN } from './limits.ts';
import { MoveTasks } from './move-tasks.ts';
import type { EngineOptions } from './registry.ts';

export interface Region {
  engine: SqsEngine;
  moveTasks: MoveTasks;
}

export class SqsRegions {
  /** The emulator's own region: the one unsigned requests and default-form URLs address. */
  readonly defaultRegion: string;
  readonly default: Region;
  readonly #options: EngineOptions;
  readonly #regions = new Map<string, Region>();
  #watcher: ((name: string, region: Region) => void) | undefined;

  constructor(options: EngineOptions) {
    this.#options = options;
    this.defaultRegion = options.region;
    this.default = this.#make(options.region, undefined);
  }

  #make(name: string, shared: SqsEngine | undefined): Region {
    const engine = new SqsEngine({
      ...this.#options,
      region: name,
      ...(shared ? { sharedSettings: shared.settings } : {}),
    });
    const region = {
      engine,
      moveTasks: new MoveTasks(engine, this.#options.clock, this.#options.ids),
    };
    this.#regions.set(name, region);
    this.#watcher?.(name, region);
    return region;
  }

  /** Calls `fn` with every region there is and, from now on, every region made (persistence). */
  watch(fn: (name: string, region: Region) => void): void {
    this.#watcher = fn;
    for (const [name, region] of this.#regions) fn(name, region);
  }

  /** The region called `name`; the default region for a name that is no AWS region's. */
  region(name: string): Region {
    const known = this.#regions.get(name);
    if (known) return known;
    if (!REGION_PATTERN.test(name) || this.#regions.size >= MAX_REGIONS) return this.default;
    return this.#make(name, this.default.engine);
  }

  /** The region whose move tasks know `handle`; the default region when none does. */
  regionOfTask(handle: string): Region {
    for (const region of this.#regions.values()) if (region.moveTasks.has(handle)) return region;
    return this.default;
  }

  /** Every queue, message and move task in every region is gone; parked polls answer empty. */
  reset(): void {
    for (const { engine, moveTasks } of this.#regions.values()) {
      moveTasks.reset();
      engine.reset();
    }
  }
}
