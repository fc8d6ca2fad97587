// Generates a realistic chat-export bundle of any size from a seed, for benchmarks and tests of
// the graph builder at scale (the sample fixture has only 20 conversations).
import { seededRandom } from '../../src/kernel/random.ts';

const TOPICS: readonly (readonly string[])[] = [
  ['kubernetes', 'pod', 'deployment', 'helm', 'cluster', 'ingress', 'namespace', 'kubectl'],
  ['python', 'pandas', 'dataframe', 'numpy', 'virtualenv', 'pip', 'decorator', 'generator'],
  ['react', 'component', 'hooks', 'jsx', 'state', 'props', 'redux', 'render'],
  ['postgres', 'index', 'query', 'transaction', 'schema', 'join', 'vacuum', 'replication'],
  ['sourdough', 'starter', 'flour', 'hydration', 'oven', 'crust', 'proofing', 'dough'],
  ['marathon', 'training', 'tempo', 'interval', 'pace', 'shoes', 'recovery', 'mileage'],
  ['guitar', 'chord', 'scale', 'fretboard', 'strumming', 'capo', 'tuning', 'riff'],
  ['mortgage', 'interest', 'budget', 'savings', 'loan', 'amortization', 'refinance', 'rate'],
  ['transformer', 'attention', 'embedding', 'tokenizer', 'finetuning', 'gradient', 'loss'],
  ['garden', 'tomato', 'compost', 'seedling', 'mulch', 'watering', 'soil', 'pruning'],
  ['japan', 'kyoto', 'itinerary', 'shinkansen', 'ryokan', 'temple', 'visa', 'yen'],
  ['photography', 'aperture', 'shutter', 'iso', 'lens', 'exposure', 'lightroom', 'bokeh'],
];

const FILLER = ['could', 'you', 'explain', 'how', 'to', 'handle', 'the', 'best', 'with', 'my'];

const SYLLABLES = ['ka', 'ri', 'mo', 'len', 'ta', 'vi', 'sor', 'ne', 'lu', 'bar', 'qui', 'dem'];

// Real chats mention many rare words (names, products, errors); without them every pair of
// conversations would overlap and the graph would be unrealistically dense.
function rareWord(random: () => number): string {
  const length = 2 + Math.floor(random() * 3);
  let word = '';
  for (let i = 0; i < length; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
  return word;
}

/** `count` conversations in ChatGPT-export shape, identical for the same count and seed. */
export function syntheticConversations(count: number, seed = 1): unknown[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const conversations: unknown[] = [];
  for (let c = 0; c < count; c++) {
    const topic = pick(TOPICS);
    const other = pick(TOPICS);
    const specific = Array.from({ length: 3 + Math.floor(random() * 4) }, () => rareWord(random));
    const word = () => {
      const r = random();
      if (r < 0.45) return pick(topic);
      if (r < 0.65) return pick(specific);
      return r < 0.8 ? pick(other) : pick(FILLER);
    };
    const sentence = (words: number) => Array.from({ length: words }, word).join(' ');
    const mapping: Record<string, unknown> = {};
    const turns = 2 + Math.floor(random() * 6);
    for (let t = 0; t < turns; t++) {
      const id = `c${c}_m${t}`;
      mapping[id] = {
        id,
        message: {
          id,
          author: { role: t % 2 === 0 ? 'user' : 'assistant' },
          content: { content_type: 'text', parts: [sentence(12 + Math.floor(random() * 30))] },
        },
        parent: t === 0 ? null : `c${c}_m${t - 1}`,
        children: t === turns - 1 ? [] : [`c${c}_m${t + 1}`],
      };
    }
    conversations.push({
      id: `conv-${seed}-${c}`,
      title: `${pick(topic)} ${pick(topic)}`,
      create_time: 1_757_800_000 + c * 150,
      update_time: 1_757_800_000 + c * 150 + 60,
      mapping,
    });
  }
  return conversations;
}
