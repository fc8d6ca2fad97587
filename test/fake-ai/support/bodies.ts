// Helpers for reading what the fake AI put on the result queue in tests.
import type { Message } from '@aws-sdk/client-sqs';
import { type ContractMessage, parseMessageBody } from '../../../src/contracts/index.ts';

/** Parses each body as an incoming contract message; throws on the first off-contract one. */
export function contractBodies(messages: readonly Message[]): ContractMessage[] {
  return messages.map((m) => {
    const parsed = parseMessageBody(m.Body);
    if (!parsed.ok) throw parsed.error;
    return parsed.message;
  });
}

export const SAMPLE_BUNDLE = JSON.stringify({
  conversations: [
    {
      title: 'kubernetes pods',
      mapping: { a: { message: { content: { parts: ['kubernetes pods and helm charts'] } } } },
    },
    {
      title: 'kubernetes ingress',
      mapping: { a: { message: { content: { parts: ['kubernetes ingress controller helm'] } } } },
    },
    {
      title: 'sourdough starter',
      mapping: { a: { message: { content: { parts: ['sourdough starter flour hydration'] } } } },
    },
  ],
});
