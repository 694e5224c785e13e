/** The project's own training data: train.jsonl plus the licence-compatible public sentiment corpora. */
import * as path from 'node:path';
import { readJsonl } from './dataset';
import { publicSentimentTrain } from './experiments';
import type { TrainInput } from './trainer';

export const TRAIN_FILE = path.join(__dirname, '..', 'data', 'train.jsonl');

export function ownTrainInput(opts: { withPublic?: boolean } = {}): TrainInput {
  return {
    posts: readJsonl(TRAIN_FILE),
    sentimentOnly: opts.withPublic === false ? [] : publicSentimentTrain(),
  };
}
