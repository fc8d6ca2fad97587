// The user's per-task status probe: an HTTP URL template read at a JSON pointer, or a command
// printing the status. `{taskId}` is replaced in either. Used to judge the effect of the results
// on each task (one terminal state, never regressed), which the queues alone cannot show.
import { execFile } from 'node:child_process';
import { RunAborted } from '../ready.ts';

export type StatusProbe = (taskId: string) => Promise<string | undefined>;

/** Reads a JSON pointer (RFC 6901) in a value; undefined when the path is absent. */
export function atPointer(value: unknown, pointer: string): unknown {
  let current = value;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function httpProbe(template: string, pointer: string): StatusProbe {
  return async (taskId) => {
    const url = template.replaceAll('{taskId}', encodeURIComponent(taskId));
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    } catch (error) {
      throw new RunAborted(
        `the status probe ${url} is unreachable: ${(error as Error).cause ?? (error as Error).message}`,
      );
    }
    if (response.status === 404) return undefined;
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new RunAborted(
        `the status probe ${url} answered ${response.status} with no JSON: ${text.slice(0, 200)}`,
      );
    }
    const status = atPointer(body, pointer);
    return status === undefined || status === null ? undefined : String(status);
  };
}

export function commandProbe(template: string, env: NodeJS.ProcessEnv): StatusProbe {
  return (taskId) =>
    new Promise((resolve, reject) => {
      const command = template.replaceAll('{taskId}', taskId);
      execFile('/bin/sh', ['-c', command], { env, timeout: 10_000 }, (error, stdout, stderr) => {
        if (error) {
          reject(
            new RunAborted(
              `the status command "${command}" failed: ${stderr.trim() || error.message}`,
            ),
          );
          return;
        }
        const status = stdout.trim();
        resolve(status === '' ? undefined : status);
      });
    });
}
