// The standalone emulator killed with SIGKILL mid-traffic and started again on the same data
// directory: every message and object a client was told was stored is there. A directory it must
// not read stops the CLI with exit 1 and one line naming the file.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emulatorCli, launchEmulatorCli } from '../support/cli-process.ts';
import { type SqsCaller, sqsCaller } from '../support/sqs-clients.ts';

let dir: string;
const children: ChildProcessWithoutNullStreams[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'emulator-state-'));
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

async function launch(
  durability: string,
): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
  const launched = await launchEmulatorCli(['--port', '0', '--time-scale', '0'], {
    EMULATOR_DATA_DIR: dir,
    EMULATOR_DURABILITY: durability,
  });
  children.push(launched.child);
  return launched;
}

describe('the emulator killed with SIGKILL', () => {
  it.each(['fsync', 'os'])(
    'keeps every message it acknowledged before the kill (durability %s)',
    async (durability) => {
      const first = await launch(durability);
      let sqs: SqsCaller = sqsCaller('json', first.url);
      const { QueueUrl } = await sqs.call('CreateQueue', { QueueName: 'work' });
      const acknowledged: string[] = [];
      // Eight senders in parallel; the kill lands while some sends are still on the wire.
      const senders = Array.from({ length: 8 }, async (_, s) => {
        for (let i = 0; ; i++) {
          try {
            const sent = await sqs.call('SendMessage', { QueueUrl, MessageBody: `s${s}-${i}` });
            acknowledged.push(sent.MessageId as string);
          } catch {
            return;
          }
        }
      });
      while (acknowledged.length < 150) await new Promise((resolve) => setImmediate(resolve));
      first.child.kill('SIGKILL');
      await Promise.all(senders);
      sqs.destroy();

      const second = await launch(durability);
      sqs = sqsCaller('json', second.url);
      const stored = new Set<string>();
      for (;;) {
        const got = await sqs.call('ReceiveMessage', {
          QueueUrl: `${second.url}/000000000000/work`,
          MaxNumberOfMessages: 10,
        });
        if (!got.Messages?.length) break;
        for (const m of got.Messages) stored.add(m.MessageId as string);
      }
      sqs.destroy();
      expect(acknowledged.length).toBeGreaterThanOrEqual(150);
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
      second.child.kill('SIGTERM');
      expect((await once(second.child, 'exit'))[0]).toBe(0);
    },
  );

  it('refuses to start on a data directory it must not read, naming the file', async () => {
    await writeFile(join(dir, 'snapshot.jsonl'), 'garbage\n');
    const child = spawn(process.execPath, [emulatorCli, '--port', '0', '--data-dir', dir]);
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(join(dir, 'snapshot.jsonl'));
  });
});
