import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { LabeledPost } from '../analysis.types';
import { loadCorrections } from '../training/corrections';
import { ownTrainInput, shippedModel } from '../training/own-data';
import { newVersion } from '../training/trainer';
import { ActiveModel } from './active-model';
import { ModelVersionsRepository } from './model-versions.repository';
import { retrain, type RetrainOptions, type RetrainOutcome } from './retrain';
import { retrainInThread } from './retrain-thread';

export interface RetrainRunOptions extends RetrainOptions {
  /** Warm-start from the shipped model (default true; false: a cold start on train.jsonl, tests). */
  warmStart?: boolean;
  /**
   * An extra labelled set to evaluate on (tests). None by default: the running app reads only
   * what ships in the build (train.jsonl, models/active.json), never ../shared/eval.
   */
  devset?: LabeledPost[];
}

/**
 * Learning from the team: retrain on the shipped training data + corrections, warm-started from
 * the shipped model (which carries what was learned from data that does not ship), evaluate, record the version
 * (promoting it only when no worse), and switch this instance to it at once (others within
 * MODEL_CHECK_MS).
 */
@Injectable()
export class RetrainService {
  private readonly logger = new Logger('Retrain');

  constructor(
    private readonly versions: ModelVersionsRepository,
    private readonly active: ActiveModel,
  ) {}

  /**
   * A scheduled retrain is due when the newest version is older than `intervalSeconds` and the
   * team corrected something since: without new corrections the data, and so the model, is the same.
   */
  async due(intervalSeconds = 0): Promise<boolean> {
    return this.versions.retrainDue(intervalSeconds);
  }

  async run(opts: RetrainRunOptions = {}): Promise<RetrainOutcome> {
    const t0 = Date.now();
    const corrections = await loadCorrections(this.versions.databaseUrl());
    const { inspectCandidate, warmStart, devset, ...options } = opts;
    options.version = opts.version ?? `${newVersion()}-${randomBytes(2).toString('hex')}`;
    // Training takes seconds of CPU: a worker thread keeps this instance's event loop free. Only a
    // test's inspectCandidate hook (a function, which cannot cross threads) trains in-process.
    const outcome = inspectCandidate
      ? retrain(
          {
            own: ownTrainInput(),
            prior: warmStart === false ? undefined : shippedModel(),
            corrections,
            devset: devset ?? [],
          },
          { ...options, inspectCandidate },
        )
      : await retrainInThread({
          corrections,
          devset: devset ?? [],
          warmStart: warmStart !== false,
          options,
        });
    await this.versions.record({
      version: outcome.version,
      promote: outcome.promote,
      metrics: { ...outcome.metrics, decision: outcome.reason, seconds: (Date.now() - t0) / 1000 },
      trainedOn: outcome.trainedOn,
      artifact: outcome.artifact,
    });
    if (outcome.promote) await this.active.refresh();
    this.logger.log(
      `model ${outcome.version} ${outcome.promote ? 'promoted' : 'not promoted'} (${outcome.reason}); ` +
        `${corrections.length} corrections, ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    return outcome;
  }
}
