// Writing client-chosen keys (attribute names, tag keys) into plain objects: always as own data
// properties, so a key like `__proto__` is just a key and never reaches an object's prototype.

export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
