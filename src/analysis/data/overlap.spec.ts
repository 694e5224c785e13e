import * as fs from 'node:fs';
import * as path from 'node:path';
import { readJsonl } from '../training/dataset';
import { evalDir } from '../training/experiments';
import { TRAIN_FILE } from '../training/own-data';
import { findOverlaps } from './overlap';

const devFile = path.join(evalDir(), 'devset.jsonl');
const PROBE_FILE = path.join(__dirname, 'probe.jsonl');

describe('training data kept apart from the dev set', () => {
  it('finds copies, near copies and shared five-word runs, but not stock phrases', () => {
    const dev = [
      'Сколько стоит годовой абонемент в зал на Ленина?',
      'How much is the 65 inch one with wall mounting?',
      'ок',
    ];
    const found = findOverlaps(
      [
        'сколько стоит годовой абонемент в зал на ленина', // same text once normalised
        'Сколько стоит годовой абонемент в зал на Ленина??!', // punctuation only
        'Hi, how much is the 65 inch one with wall mounting and delivery?', // a shared run
        'How much is the annual membership?', // the same question frame, other words
        'ок', // a stock reaction
      ],
      dev,
    ).map((o) => o.train);
    expect(found).toEqual([
      'сколько стоит годовой абонемент в зал на ленина',
      'Сколько стоит годовой абонемент в зал на Ленина??!',
      'Hi, how much is the 65 inch one with wall mounting and delivery?',
    ]);
  });

  (fs.existsSync(devFile) ? it : it.skip)(
    'train.jsonl and the probe set share no post with the dev set',
    () => {
      const dev = readJsonl(devFile).map((p) => p.text);
      const train = readJsonl(TRAIN_FILE).map((p) => p.text);
      const probe = fs.existsSync(PROBE_FILE) ? readJsonl(PROBE_FILE).map((p) => p.text) : [];
      expect(findOverlaps([...train, ...probe], dev)).toEqual([]);
    },
    60_000,
  );
});
