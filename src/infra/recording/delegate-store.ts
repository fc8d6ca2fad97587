// A store that forwards to another with some methods replaced: the base of the recorder's store
// wrapper and of the scenarios' sabotaged and outage stores.
import type { Store } from '../../core/ports/store.ts';

/**
 * A store that forwards every call to `inner`, with some methods replaced. A proxy rather than a
 * list of methods, so the decorators keep up when the Store port grows.
 */
export function delegateStore(inner: Store, overrides: Partial<Store> = {}): Store {
  return new Proxy(inner, {
    get(target, key) {
      if (Object.hasOwn(overrides, key)) return overrides[key as keyof Store];
      const value: unknown = Reflect.get(target, key, target);
      // Bound so adapters' private fields resolve against the real instance.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
