import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
function runEval(args: string[], env: Record<string, string> = {}): string {
  return execFileSync(
    process.execPath,
    // `npm run eval` is ts-node --transpile-only; ts-cache.js is that transpile, cached on disk
    ['-r', './test/support/ts-cache.js', 'src/analysis/cli/eval.ts', ...args],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ...env },
    },
  );
}

describe('eval CLI', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-eval-'));
  afterAll(() => fs.rmSync(dir, { recursive: true }));

  it('scores a labelled file and prints one JSON object', () => {
    const file = path.join(dir, 'labelled.jsonl');
    const rows = [
      {
        id: 'a',
        lang: 'ru',
        text: 'Сколько стоит абонемент на год?',
        sentiment: 'neutral',
        intent: 'sales_question',
        needs_response: true,
        deadline_minutes: 60,
      },
      {
        id: 'b',
        lang: 'en',
        text: 'Worst delivery ever, the food was cold',
        sentiment: 'negative',
        intent: 'complaint',
        needs_response: true,
        deadline_minutes: 180,
      },
    ];
    fs.writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
    const out = JSON.parse(runEval(['--data', file, '--json']));
    for (const k of ['salesMissRate', 'needsResponseMissRate', 'itemsPerSecond'])
      expect(typeof out[k]).toBe('number');
    expect(typeof out.sentiment.accuracy).toBe('number');
    expect(typeof out.sentiment.macroF1).toBe('number');
    expect(typeof out.intent.macroF1).toBe('number');
    expect(typeof out.deadline.accuracy).toBe('number');
    expect(typeof out.baseline.sentiment.accuracy).toBe('number');
    expect(Object.keys(out.byLanguage).sort()).toEqual(['en', 'ru']);
  }, 30000);

  it('prints predictions as JSONL for an unlabelled file', () => {
    const file = path.join(dir, 'unlabelled.jsonl');
    fs.writeFileSync(
      file,
      [
        { id: 'x', text: 'Как поменять пароль?' },
        { id: 'y', text: 'hello' },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const lines = runEval(['--data', file])
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['x', 'y']);
    expect(lines[0].intent.label).toBeDefined();
    expect(lines[0].modelVersion).toBeDefined();
  }, 30000);

  it('--cv prints the deadline trade-off curve and the tuned sales-miss cost', () => {
    const file = path.join(dir, 'cv.jsonl');
    const mk = (id: string, text: string, intent: string, sentiment: string, deadline: number | null) => ({
      id, lang: 'ru', text, intent, sentiment, needs_response: deadline !== null, deadline_minutes: deadline,
    }); // prettier-ignore
    fs.writeFileSync(
      file,
      [
        mk('1', 'Сколько стоит подписка на год?', 'sales_question', 'neutral', 60),
        mk('2', 'Рассрочка на ноутбук есть?', 'sales_question', 'neutral', 60),
        mk('3', 'Как поменять пароль в приложении?', 'support_question', 'neutral', 180),
        mk('4', 'Где мой заказ 5512?', 'support_question', 'neutral', 180),
        mk('5', 'Третий день нет интернета, верните деньги', 'complaint', 'negative', 180),
        mk('6', 'Спасибо, всё привезли вовремя!', 'praise', 'positive', 180),
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const out = JSON.parse(runEval(['--data', file, '--cv', '2', '--json', '--no-public']));
    expect(out.mode).toBe('cv2');
    const curve = out.tradeoff.curve as Array<Record<string, number>>;
    expect(curve.length).toBeGreaterThan(5);
    for (const p of curve) {
      expect(p.salesMissRate).toBeGreaterThanOrEqual(0);
      expect(p.deadlineAccuracy).toBeLessThanOrEqual(1);
    }
    // a dearer missed sale never misses more sales questions
    for (let i = 1; i < curve.length; i++)
      expect(curve[i].salesMissRate).toBeLessThanOrEqual(curve[i - 1].salesMissRate);
    expect(curve.map((p) => p.salesMissCost)).toContain(out.tradeoff.tuned.salesMissCost);
  }, 120000);

  it('--public scores each corpus in the eval directory on its test split, and refuses a missing one', () => {
    const evalDir = path.join(dir, 'eval');
    fs.mkdirSync(path.join(evalDir, 'public'), { recursive: true });
    const csv = [
      'text,label,lang,source,split',
      'Worst service ever,negative,en,uci-sentiment-labelled:yelp,test',
      'I love this place,positive,en,uci-sentiment-labelled:yelp,test',
      'Great,positive,en,uci-sentiment-labelled:yelp,train',
    ];
    fs.writeFileSync(path.join(evalDir, 'public', 'en_uci_amazon_yelp.csv'), csv.join('\n') + '\n');
    const out = JSON.parse(runEval(['--public', '--json'], { OTKLIK_EVAL_DIR: evalDir }));
    expect(out.mode).toBe('public');
    expect(out.corpora.en_uci_amazon_yelp).toMatchObject({ n: 2, trainable: true });
    expect(out.corpora.en_uci_amazon_yelp.accuracy).toBeGreaterThanOrEqual(0);
    // the marks for the corpora present: UCI's accuracy and macro-F1
    expect(out.marks.map((m: { metric: string; mark: number }) => [m.metric, m.mark])).toEqual([
      ['accuracy', 0.909],
      ['macroF1', 0.622],
    ]);
    expect(runEval(['--public'], { OTKLIK_EVAL_DIR: evalDir })).toMatch(/baseline \+ 0\.05 \(\d of 2 met\)/);

    let err: any;
    try {
      runEval(['--public'], { OTKLIK_EVAL_DIR: path.join(dir, 'nowhere') });
    } catch (e) {
      err = e;
    }
    expect(err?.status).toBe(1);
    expect(String(err?.stderr)).toContain('no public corpora at');
  }, 30000);
});
