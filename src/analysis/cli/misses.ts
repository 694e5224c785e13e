/** Dev aid: cross-validated predictions that miss, for reading (npx ts-node --transpile-only src/analysis/cli/misses.ts [intent]). */
import * as path from 'node:path';
import { Analyzer } from '../analyzer';
import { foldsOf, readJsonl } from '../training/dataset';
import { devTrainInput, evalDir } from '../training/experiments';
import { trainBundle } from '../training/trainer';

const only = process.argv[2];
const dev = readJsonl(path.join(evalDir(), 'devset.jsonl'));
const own = devTrainInput();
const fold = foldsOf(dev.length, 5);
for (let f = 0; f < 5; f++) {
  const a = new Analyzer(
    trainBundle({ ...own, posts: [...own.posts, ...dev.filter((_, i) => fold[i] !== f)] }),
  );
  dev.forEach((p, i) => {
    if (fold[i] !== f) return;
    const r = a.analyze({ text: p.text, platform: p.platform });
    if (r.intent.label !== p.intent && (!only || p.intent === only || r.intent.label === only))
      console.log(`${p.intent} → ${r.intent.label} (${r.intent.confidence}) | ${p.text.slice(0, 110)}`);
  });
}
