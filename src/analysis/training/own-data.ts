/**
 * What the runtime retrain learns from, all of it in the repository and in the build (nest-cli.json
 * assets), read relative to this code so the job runs the same from src (ts-node) and from dist:
 * train.jsonl (written for Otklik) and the shipped model (models/active.json), the prior that the
 * retrain starts from. The public corpora are never shipped: what the shipped model learned from
 * them (at development time, `npm run train`) reaches the retrain through its weights.
 */
import * as path from 'node:path';
import { readBundle, type ModelBundle } from '../model/bundle';
import { readJsonl } from './dataset';
import type { TrainInput } from './trainer';

export const TRAIN_FILE = path.join(__dirname, '..', 'data', 'train.jsonl');
export const SHIPPED_MODEL_FILE = path.join(__dirname, '..', 'models', 'active.json');

export function ownTrainInput(): TrainInput {
  return { posts: readJsonl(TRAIN_FILE) };
}

/** The shipped model; a missing file is an error (a broken build), not a cold start. */
export function shippedModel(file = SHIPPED_MODEL_FILE): ModelBundle {
  return readBundle(file);
}
