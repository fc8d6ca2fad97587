// Turns message text into index terms: lower-cased Unicode words (keeping inner dots, plus and
// hash signs so "d3.js", "c++" and "c#" survive), stop words and bare numbers dropped.
import { STOP_WORDS } from './stop-words.ts';

const WORD = /[\p{L}\p{N}]+(?:[.'’][\p{L}\p{N}]+)*[+#]*/gu;
const NUMBER = /^[\p{N}.]+$/u;

export function tokenize(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    let term = match[0].replace(/’/g, "'");
    if (term.endsWith("'s")) term = term.slice(0, -2);
    if (term.length < 2 || term.length > 40) continue;
    if (STOP_WORDS.has(term) || NUMBER.test(term)) continue;
    terms.push(term);
  }
  return terms;
}
