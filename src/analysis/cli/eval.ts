/**
 * npm run eval -- --data <file.jsonl> [--json] [--cv 5] [--own-only] [--public] [--no-public] [--models <dir>]
 * Labelled file → metrics (by language, with the wink-sentiment baseline); unlabelled → predictions as JSONL.
 * --cv k: train on own data + (k-1)/k of the file, test on the rest (figures on unseen data), with
 *   the deadline trade-off curve (sales miss rate vs deadline accuracy over the sales-miss cost).
 * --own-only: train on own data only (the file is never seen) and score the file.
 * --public: sentiment (and complaint) accuracy and macro-F1 on the public corpora's test splits.
 * --no-public: train without the licence-compatible public corpora' train splits (--cv, --own-only).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Analyzer } from '../analyzer';
import { evaluate, hasLabels, type EvalReport, type SliceReport, type TradeoffPoint } from '../eval/evaluate';
import { readJsonl } from '../training/dataset';
import { crossValidate, devTrainInput, evalDir, ownOnly, publicChecks } from '../training/experiments';
import { parseArgs } from './args';
import { publicMarks } from '../eval/public-marks';

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  if (args.public === true) return publicMode(args);
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
    const cv = crossValidate(devTrainInput({ withPublic: args['no-public'] !== true }), posts, k);
    const out = { mode: `cv${k}`, ...cv.pooled, foldMean: cv.foldMean, neutralBias: cv.neutralBias, publicHeldOut: cv.publicHeldOut, tradeoff: { curve: cv.curve, tuned: cv.tuned } }; // prettier-ignore
    if (json) process.stdout.write(JSON.stringify(out) + '\n');
    else {
      print(
        cv.pooled,
        `${k}-fold CV (own data + ${k - 1}/${k} of ${path.basename(file)}; pooled held-out predictions)`,
      );
      console.log('fold means:', cv.foldMean);
      console.log('neutral calibration (tuned on the held-out folds):', cv.neutralBias);
      console.log('public train splits, held-out folds (sentiment acc / macro-F1):', cv.publicHeldOut);
      printCurve(cv.curve, cv.tuned.salesMissCost);
    }
    return;
  }
  let report: EvalReport;
  let title: string;
  if (args['own-only'] === true) {
    report = ownOnly(devTrainInput({ withPublic: args['no-public'] !== true }), posts);
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

function printCurve(curve: TradeoffPoint[], picked: number): void {
  console.log(
    '\ndeadline trade-off (pooled held-out predictions; cost of a missed sale vs an early answer = 1):',
  );
  console.log('sales-miss cost | sales missed | no deadline | deadline acc');
  for (const p of curve)
    console.log(
      `${String(p.salesMissCost).padStart(15)} | ${pct(p.salesMissRate).padStart(12)} | ${pct(p.needsResponseMissRate).padStart(11)} | ${p.deadlineAccuracy.toFixed(3)}${p.salesMissCost === picked ? '  ← tuned' : ''}`,
    );
}
const pct = (v: number): string => `${(v * 100).toFixed(1)} %`;

function publicMode(args: Record<string, string | true>): void {
  // Run from a worktree, ../shared is not beside it: say so instead of printing an empty table.
  const dir = path.join(evalDir(), 'public');
  if (!fs.existsSync(dir)) {
    process.stderr.write(`no public corpora at ${dir}: set OTKLIK_EVAL_DIR to the eval directory\n`);
    process.exitCode = 1;
    return;
  }
  const analyzer = Analyzer.load(typeof args.models === 'string' ? args.models : undefined);
  const r = publicChecks(analyzer);
  if (args.json === true) {
    process.stdout.write(
      JSON.stringify({
        mode: 'public',
        modelVersion: analyzer.modelVersion,
        corpora: r,
        marks: publicMarks(r),
      }) + '\n',
    );
    return;
  }
  console.log(`public corpora, test splits; model ${analyzer.modelVersion}`);
  console.log(
    'corpus                        n     acc    macro-F1 | wink acc  F1    | trained on its train split',
  );
  for (const [name, c] of Object.entries(r))
    console.log(
      `${name.padEnd(28)} ${String(c.n).padStart(5)}  ${c.accuracy.toFixed(3)}  ${c.macroF1.toFixed(3)}    | ${c.wink.toFixed(3)}  ${c.winkMacroF1.toFixed(3)} | ${c.trainable ? 'yes' : 'no (evaluation only)'}`,
    );
  const marks = publicMarks(r);
  console.log(
    `\nissue 16 point 5: each figure ≥ its baseline + 0.05 (${marks.filter((m) => m.met).length} of ${marks.length} met)`,
  );
  console.log('corpus                       metric    baseline  mark   now    met');
  for (const m of marks)
    console.log(
      `${m.corpus.padEnd(28)} ${m.metric.padEnd(9)} ${m.baseline.toFixed(3)}     ${m.mark.toFixed(3)}  ${m.now.toFixed(3)}  ${m.met ? 'yes' : 'no'}`,
    );
}

main();
