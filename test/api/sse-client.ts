// A minimal server-sent-events reader for tests: collects events from a streaming fetch until a
// predicate holds.

export interface SseEvent {
  id: string | undefined;
  event: string | undefined;
  data: string;
}

export function parseSse(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter((block) => /^data: /m.test(block))
    .map((block) => {
      const field = (name: string) =>
        block
          .split('\n')
          .find((l) => l.startsWith(`${name}: `))
          ?.slice(name.length + 2);
      return { id: field('id'), event: field('event'), data: field('data') ?? '' };
    });
}

export async function openSse(url: string, token: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}`, ...headers },
    signal: abort.signal,
  });
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let text = '';
  return {
    response,
    /** Reads until `until(events)` holds; resolves with every event so far. */
    async read(until: (events: SseEvent[]) => boolean): Promise<SseEvent[]> {
      if (!reader) throw new Error(`no stream (HTTP ${response.status})`);
      while (!until(parseSse(text))) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
      return parseSse(text);
    },
    get raw() {
      return text;
    },
    close() {
      abort.abort();
    },
  };
}
