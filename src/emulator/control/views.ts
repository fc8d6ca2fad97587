// JSON shapes of the control plane's answers, shared by the routes and the typed client.
import type { JournalEvent, JournalPage } from '../faults/journal.ts';
import type { FaultRule, FaultRuleSpec } from '../faults/rules.ts';
import type { MessageInspection } from '../sqs/domain/engine.ts';

export interface ClockView {
  /** Virtual epoch ms. */
  now: number;
  iso: string;
  /** Virtual ms per real ms; 0 = frozen. */
  scale: number;
}

export interface SettingsView {
  allowRepeatedPurge: boolean;
}

export interface QueueSummary {
  name: string;
  url: string;
  arn: string;
  fifo: boolean;
  /** Every attribute GetQueueAttributes(All) would return, Approximate* counts included. */
  attributes: Record<string, string>;
  tags: Record<string, string>;
  /** Long polls currently parked on the queue. */
  waitingPolls: number;
}

export interface QueueDetail extends QueueSummary {
  messages: MessageInspection[];
}

export type { FaultRule, FaultRuleSpec, JournalEvent, JournalPage, MessageInspection };
