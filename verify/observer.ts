// Watches what the party under test does, while a run lasts: drains a queue it writes to (each
// message recorded with its contract verdict, then deleted, as a consumer would) and, on our
// emulator, follows the message journal (every send, receive and delete on every queue, in order).
import {
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { type ConformanceLevel, levelOf, parseMessageBody } from '../src/contracts/index.ts';
import type { EmulatorControlClient, JournalEvent } from '../src/emulator/control/client.ts';

export interface Observed {
  /** Order of arrival at the harness. */
  index: number;
  /** SentTimestamp (the emulator's clock, or AWS's). */
  sentAt: number;
  body: string;
  taskId: string | undefined;
  taskType: string | undefined;
  level: ConformanceLevel;
  /** `rule at /pointer: message` for each violation (rejected) and finding. */
  violations: string[];
  findings: string[];
  payload: Record<string, unknown> | undefined;
}

/** A message's task id even when the body is rejected or cut short (journal bodies). */
export function taskIdIn(body: string): string | undefined {
  try {
    const value = JSON.parse(body) as { taskId?: unknown };
    if (typeof value?.taskId === 'string') return value.taskId;
  } catch {
    // not JSON, or truncated: read it from the text
  }
  return /"taskId"\s*:\s*"([^"\\]{1,300})"/.exec(body)?.[1];
}

export function judgeBody(body: string): Omit<Observed, 'index' | 'sentAt'> {
  const verdict = parseMessageBody(body);
  const describe = (v: { path: string; rule: string; message: string }) =>
    `${v.rule} at ${v.path || '(message)'}: ${v.message}`;
  let raw: Record<string, unknown> | undefined;
  try {
    const value: unknown = JSON.parse(body);
    if (value !== null && typeof value === 'object') raw = value as Record<string, unknown>;
  } catch {
    raw = undefined;
  }
  return {
    body,
    taskId: taskIdIn(body),
    taskType: typeof raw?.taskType === 'string' ? raw.taskType : undefined,
    level: levelOf(verdict),
    violations: verdict.ok ? [] : verdict.error.violations.map(describe),
    findings: verdict.findings.map(describe),
    payload:
      raw?.payload !== null && typeof raw?.payload === 'object'
        ? (raw.payload as Record<string, unknown>)
        : undefined,
  };
}

export class QueueObserver {
  readonly messages: Observed[] = [];
  readonly journal: JournalEvent[] = [];
  /** Set when more than `floodLimit` messages arrived: the harness stops keeping them. */
  flooded = false;
  #stopped = false;
  #loops: Promise<void>[] = [];
  #journalSeq = 0;
  readonly #sqs: SQSClient;
  readonly #queueUrl: string;
  readonly #control: EmulatorControlClient | undefined;
  readonly #floodLimit: number;
  /** Errors of the harness's own calls, for the report; the loop goes on. */
  readonly errors: string[] = [];

  constructor(
    sqs: SQSClient,
    queueUrl: string,
    control: EmulatorControlClient | undefined,
    floodLimit = 5000,
  ) {
    this.#sqs = sqs;
    this.#queueUrl = queueUrl;
    this.#control = control;
    this.#floodLimit = floodLimit;
  }

  start(): void {
    this.#loops.push(this.#drain());
    if (this.#control) this.#loops.push(this.#follow());
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await Promise.all(this.#loops);
  }

  /** Reads the journal up to now (call before judging, so nothing recent is missed). */
  async catchUp(): Promise<void> {
    if (!this.#control) return;
    for (;;) {
      const page = await this.#control.journal(this.#journalSeq, 5000);
      this.journal.push(...page.events);
      this.#journalSeq = page.lastSeq;
      if (page.events.length < 5000) return;
    }
  }

  async #follow(): Promise<void> {
    while (!this.#stopped) {
      try {
        await this.catchUp();
      } catch (error) {
        this.errors.push(`reading the journal: ${(error as Error).message}`);
      }
      await pause(100);
    }
    await this.catchUp().catch(() => undefined);
  }

  async #drain(): Promise<void> {
    while (!this.#stopped) {
      let messages: Message[] = [];
      try {
        const out = await this.#sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: this.#queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 1,
            MessageSystemAttributeNames: ['SentTimestamp'],
          }),
        );
        messages = out.Messages ?? [];
      } catch (error) {
        this.errors.push(`receiving results: ${(error as Error).message}`);
        await pause(200);
        continue;
      }
      for (const message of messages) {
        if (this.messages.length >= this.#floodLimit) this.flooded = true;
        else {
          this.messages.push({
            index: this.messages.length,
            sentAt: Number(message.Attributes?.SentTimestamp ?? Date.now()),
            ...judgeBody(message.Body ?? ''),
          });
        }
        try {
          await this.#sqs.send(
            new DeleteMessageCommand({
              QueueUrl: this.#queueUrl,
              ReceiptHandle: message.ReceiptHandle,
            }),
          );
        } catch (error) {
          this.errors.push(`deleting a result: ${(error as Error).message}`);
        }
      }
    }
  }

  /** Messages about one task, in arrival order. */
  forTask(taskId: string): Observed[] {
    return this.messages.filter((m) => m.taskId === taskId);
  }
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
