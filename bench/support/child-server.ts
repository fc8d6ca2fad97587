// Starts a server script as a child process (so it gets its own core, like a real emulator would),
// waits for the URL it prints on stdout, and stops it afterwards.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ChildServer {
  url: string;
  /** Lines the child printed before its URL (e.g. figures it measured while starting). */
  preamble: string[];
  pid: number;
  stop(): Promise<void>;
}

export async function startChildServer(
  script: string,
  args: readonly string[] = [],
  env: NodeJS.ProcessEnv = {},
  nodeFlags: readonly string[] = [],
): Promise<ChildServer> {
  const child = spawn(process.execPath, [...nodeFlags, script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const preamble: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`${script} exited with ${code} before printing its URL`));
    child.once('exit', onExit);
    lines.on('line', (line) => {
      const match = /(http:\/\/[\w.:[\]-]+)/.exec(line);
      if (match?.[1]) {
        child.off('exit', onExit);
        resolve(match[1]);
      } else {
        preamble.push(line);
      }
    });
  });
  return {
    url,
    preamble,
    pid: child.pid ?? -1,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
