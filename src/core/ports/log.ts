// The structured-log port (pino satisfies it). Every line about a task carries its `taskId`.

export interface Log {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Log;
  /** Whether a line at `level` would be written (pino has it); absent: assume it would. */
  isLevelEnabled?(level: 'debug' | 'info' | 'warn' | 'error'): boolean;
}

/** Discards everything; for callers that were given no logger. */
export const silentLog: Log = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLog,
};

type Level = Parameters<NonNullable<Log['isLevelEnabled']>>[0];

/**
 * `parent.child(bindings)` without making a child logger: each line carries the bindings as its
 * leading fields, and a line below the parent's level costs nothing. For per-message and per-task
 * loggers: a pino child each cost more than the lines written through it (most steps of a task log
 * only at debug).
 */
export function withBindings(parent: Log, bindings: Record<string, unknown>): Log {
  const line =
    (level: Level) =>
    (obj: object, msg?: string): void => {
      if (parent.isLevelEnabled?.(level) === false) return;
      parent[level]({ ...bindings, ...obj }, msg);
    };
  return {
    debug: line('debug'),
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
    isLevelEnabled: (level) => parent.isLevelEnabled?.(level) ?? true,
    child: (more) => withBindings(parent, { ...bindings, ...more }),
  };
}
