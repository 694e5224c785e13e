/**
 * npm run eval -- --data <file.jsonl> [--json] [--cv 5] [--own-only] [--no-public] [--models <dir>]
 * Labelled file → metrics (by language, with the wink-sentiment baseline); unlabelled → predictions as JSONL.
 * --cv k: train on own data + (k-1)/k of the file, test on the rest (figures on unseen data).
 * --own-only: train on own data only (the file is never seen) and score the file.
 */
import * as path from 'node:path';
import { Analyzer } from '../analyzer';
import { evaluate, hasLabels, type EvalReport, type SliceReport } from '../eval/evaluate';
import { readJsonl } from '../training/dataset';
import { crossValidate, evalDir, ownOnly } from '../training/experiments';
import { ownTrainInput } from '../training/own-data';
import { parseArgs } from './args';

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const file = typeof args.data === 'string' ? args.data : path.join(evalDir(), 'devset.jsonl');
  const posts = readJsonl(file);
  const json = args.json === true;

  if (!hasLabels(posts)) {
    const analyzer = Analyzer.load(typeof args.models === 'string' ? args.models : undefined);
    for (const p of posts)
      process.stdout.write(
        JSON.stringify({ id: p.id, ...analyzer.analyze({ text: p.text, platform: p.platform }) }) + '\n',
      );
    return;
  }
  if (args.cv !== undefined) {
    const k = Number(args.cv === true ? 5 : args.cv);
    const cv = crossValidate(ownTrainInput({ withPublic: args['no-public'] !== true }), posts, k);
    if (json)
      process.stdout.write(JSON.stringify({ mode: `cv${k}`, ...cv.pooled, foldMean: cv.foldMean }) + '\n');
    else {
      print(
        cv.pooled,
        `${k}-fold CV (own data + ${k - 1}/${k} of ${path.basename(file)}; pooled held-out predictions)`,
      );
      console.log('fold means:', cv.foldMean);
    }
    return;
  }
  let report: EvalReport;
  let title: string;
  if (args['own-only'] === true) {
    report = ownOnly(ownTrainInput({ withPublic: args['no-public'] !== true }), posts);
    title = `model trained on own data only, scored on ${path.basename(file)}`;
  } else {
    report = evaluate(Analyzer.load(typeof args.models === 'string' ? args.models : undefined), posts);
    title = `active model on ${path.basename(file)}`;
  }
  if (json) process.stdout.write(JSON.stringify(report) + '\n');
  else print(report, title);
}

function line(name: string, r: SliceReport): string {
  const f = (v: number): string => v.toFixed(3);
  return `${name.padEnd(9)} n=${String(r.n).padEnd(4)} sent acc ${f(r.sentiment.accuracy)} F1 ${f(r.sentiment.macroF1)} | intent F1 ${f(r.intent.macroF1)} | deadline acc ${f(r.deadline.accuracy)} | sales miss ${f(r.salesMissRate)} | no-deadline ${f(r.needsResponseMissRate)} | wink acc ${f(r.baseline.sentiment.accuracy)} F1 ${f(r.baseline.sentiment.macroF1)}`;
}

function print(r: EvalReport, title: string): void {
  console.log(`${title}\nmodel ${r.modelVersion}, ${r.itemsPerSecond} items/s`);
  console.log(line('all', r));
  for (const [lang, s] of Object.entries(r.byLanguage)) console.log(line(lang, s));
  console.log(
    'intent per class F1:',
    Object.fromEntries(Object.entries(r.intent.perClass).map(([k, v]) => [k, v.f1])),
  );
  console.log(
    'sentiment per class F1:',
    Object.fromEntries(Object.entries(r.sentiment.perClass).map(([k, v]) => [k, v.f1])),
  );
}

main();
