/** Matches single stems and short stem sequences ("сколько стоит", "how much") in one pass over the stems. */
import { stem } from '../text/tokenize';

interface Entry<T> {
  rest: string[];
  value: T;
}

export function stemPhrase(phrase: string): string[] {
  return phrase
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .map((w) => stem(w));
}

export class PhraseMatcher<T> {
  private readonly byFirst = new Map<string, Array<Entry<T>>>();

  add(phrase: string, value: T): void {
    const stems = stemPhrase(phrase);
    if (stems.length === 0) return;
    const list = this.byFirst.get(stems[0]) ?? [];
    list.push({ rest: stems.slice(1), value });
    // longest phrases first so "не работает" wins over "не"
    list.sort((a, b) => b.rest.length - a.rest.length);
    this.byFirst.set(stems[0], list);
  }

  /** Calls onMatch(value, start, length) for the longest entry starting at each position. */
  scan(stems: readonly string[], onMatch: (value: T, start: number, length: number) => void): void {
    for (let i = 0; i < stems.length; i++) {
      const list = this.byFirst.get(stems[i]);
      if (list === undefined) continue;
      for (const e of list) {
        let ok = i + e.rest.length < stems.length;
        for (let k = 0; ok && k < e.rest.length; k++) ok = stems[i + 1 + k] === e.rest[k];
        if (ok) {
          onMatch(e.value, i, e.rest.length + 1);
          break;
        }
      }
    }
  }
}
