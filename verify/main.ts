// The verify run: puts a team's own AI server (`ai`) or back-end worker (`backend`)
// under the fault-injection cases, prints progress and the verdict table, writes report.json and
// report.html. Exit 0 when every verdict holds, 1 when one fails (or the run had to stop), 2 for
// bad arguments. Whatever it started (emulator, the command's process group) is stopped on exit.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AI_CASES } from './ai/cases.ts';
import { runAiCases } from './ai/run-ai.ts';
import { BACKEND_CASES, runBackendCases } from './backend/run-backend.ts';
import { ProcessUnderTest } from './child.ts';
import { parseArgs, USAGE, UsageError, type VerifyOptions } from './cli.ts';
import type { CaseResult, VerifyReport } from './model.ts';
import { QueueObserver } from './observer.ts';
import { RunAborted } from './ready.ts';
import { caseLine, renderTable, writeVerifyReport } from './report.ts';
import { openTarget } from './target.ts';

export async function main(
  argv: readonly string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  let options: VerifyOptions;
  try {
    options = parseArgs(argv);
    const known = (options.mode === 'ai' ? AI_CASES : BACKEND_CASES).map((c) => c.name);
    const unknown = (options.cases ?? []).filter((c) => !known.includes(c));
    if (unknown.length > 0) {
      throw new UsageError(
        `unknown case(s) ${unknown.join(', ')}; ${options.mode} cases: ${known.join(', ')}`,
      );
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err.write(`${error.message ? `verify: ${error.message}\n\n` : ''}${USAGE}\n`);
    return 2;
  }
  const say = (text: string) => out.write(`${text}\n`);
  const startedAt = new Date();
  let target: Awaited<ReturnType<typeof openTarget>>;
  try {
    target = await openTarget(options);
  } catch (error) {
    err.write(`verify: ${(error as Error).message}\n`);
    return 1;
  }
  say(
    `verify ${options.mode}: ${target.control ? 'our emulator' : 'a foreign endpoint'} at ${target.endpoint ?? 'AWS'}`,
  );
  for (const [name, value] of Object.entries(target.env)) say(`  ${name}=${value}`);
  mkdirSync(options.reportDir, { recursive: true });
  const child =
    options.command === undefined
      ? undefined
      : new ProcessUnderTest(
          options.command,
          { ...process.env, ...target.env },
          join(options.reportDir, 'command.log'),
        );
  const watched = options.mode === 'ai' ? target.result : target.request;
  const observer = new QueueObserver(target.sqs, watched.url, target.control);
  observer.start();
  // Ctrl-C or a CI timeout: stop what was started before going.
  const onSignal = (signal: NodeJS.Signals) => {
    void (async () => {
      await child?.close();
      await observer.stop();
      await target.close();
      process.kill(process.pid, signal);
    })();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const results: CaseResult[] = [];
  let aborted: string | undefined;
  const onCase = (r: CaseResult) => {
    results.push(r);
    say(caseLine(r));
  };
  try {
    if (options.mode === 'ai') {
      await runAiCases({
        target,
        child,
        observer,
        options: {
          failOnFindings: options.failOnFindings,
          caseTimeoutMs: options.caseTimeoutMs,
          readyTimeoutMs: options.readyTimeoutMs,
        },
        cases: options.cases,
        say,
        onCase,
      });
    } else {
      await runBackendCases({ target, child, observer, options, say, onCase });
    }
  } catch (error) {
    if (!(error instanceof RunAborted)) {
      aborted = `the harness failed: ${(error as Error).stack ?? String(error)}`;
    } else aborted = error.message;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await child?.close();
    await observer.stop();
    await target.close();
  }
  const report: VerifyReport = {
    version: 1,
    mode: options.mode,
    command: options.command,
    target: `${target.endpoint ?? 'AWS'}${target.control ? ' (our emulator)' : ''}`,
    startedAt: startedAt.toISOString(),
    passed: aborted === undefined && results.every((r) => r.status !== 'fail'),
    wallMs: Date.now() - startedAt.getTime(),
    cases: results,
    ...(aborted ? { aborted } : {}),
  };
  say('');
  say(renderTable(report));
  if (aborted) err.write(`verify: stopped: ${aborted}\n`);
  const files = await writeVerifyReport(options.reportDir, report);
  say(`report: ${files.json}, ${files.html}`);
  return report.passed ? 0 : 1;
}
