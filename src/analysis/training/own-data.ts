/**
 * The training data that ships with Otklik (in the repository and in the build, see nest-cli.json
 * assets): train.jsonl plus the train splits of the licence-compatible public sentiment corpora
 * (data/public/NOTICE.md). Nothing here reads outside the application directory, so the retrain
 * job works the same from src (ts-node) and from dist.
 */
import * as path from 'node:path';
import type { SentimentLabel } from '../analysis.types';
import { readJsonl, readPublicCsv, toSentiment } from './dataset';
import type { TrainInput } from './trainer';

const DATA_DIR = path.join(__dirname, '..', 'data');
export const TRAIN_FILE = path.join(DATA_DIR, 'train.jsonl');
export const PUBLIC_TRAIN_DIR = path.join(DATA_DIR, 'public');

/** Public corpora whose licences allow training shipped models; only their `train` split is shipped. */
export const TRAINABLE_PUBLIC = ['ru_opensentimentcorpus.train.csv', 'en_uci_amazon_yelp.train.csv'];

export function ownTrainInput(opts: { withPublic?: boolean } = {}): TrainInput {
  return {
    posts: readJsonl(TRAIN_FILE),
    sentimentOnly: opts.withPublic === false ? [] : publicSentimentTrain(),
  };
}

/** The shipped public sentences; a missing file is an error (a broken build), not less data. */
export function publicSentimentTrain(
  dir = PUBLIC_TRAIN_DIR,
): Array<{ text: string; sentiment: SentimentLabel }> {
  const out: Array<{ text: string; sentiment: SentimentLabel }> = [];
  for (const f of TRAINABLE_PUBLIC) {
    for (const r of readPublicCsv(path.join(dir, f))) {
      const s = toSentiment(r.label);
      if (r.split === 'train' && s) out.push({ text: r.text, sentiment: s });
    }
  }
  return out;
}
