import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { parseCostMatrix, type CostMatrix } from '../../sla/deadline-decision';
import { Analyzer } from '../analyzer';
import { bundleFromJson, type ModelBundleJson } from '../model/bundle';
import {
  AnalyzerItemAnalysis,
  ItemAnalysis,
  NeutralItemAnalysis,
  type ItemAnalysisInput,
  type ItemAnalysisResult,
} from '../../ingest/item-analysis';
import { ModelVersionsRepository } from './model-versions.repository';

/** How often each instance checks whether another one promoted a model. */
export const MODEL_CHECK_MS = 60_000;

/**
 * The one Analyzer of this process, behind ingest's ItemAnalysis seam. At start it loads the
 * active model: the active model_versions row's artifact when there is one, else the shipped
 * src/analysis/models/active.json (else the neutral placeholder, logged). A timer picks up a
 * model promoted by any instance; the swap is one reference assignment between batches.
 */
@Injectable()
export class ActiveModel extends ItemAnalysis implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ActiveModel');
  private current: ItemAnalysis = new NeutralItemAnalysis();
  private currentVersion = NeutralItemAnalysis.VERSION;
  private source: 'database' | 'file' | 'none' = 'none';
  private timer?: NodeJS.Timeout;

  private readonly configuredCosts?: CostMatrix;

  constructor(
    private readonly versions: ModelVersionsRepository,
    @Optional() @Inject(APP_CONFIG) config?: AppConfig,
  ) {
    super();
    if (config?.DEADLINE_COST_MATRIX) this.configuredCosts = parseCostMatrix(config.DEADLINE_COST_MATRIX);
  }

  /** DEADLINE_COST_MATRIX when configured, else the active model's cross-validated matrix. */
  override get deadlineCosts(): CostMatrix {
    return this.configuredCosts ?? this.current.deadlineCosts;
  }

  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((err: Error) => this.logger.warn(`model check failed: ${err.message}`));
    }, MODEL_CHECK_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  get version(): string {
    return this.currentVersion;
  }

  get loadedFrom(): 'database' | 'file' | 'none' {
    return this.source;
  }

  analyzeBatch(inputs: readonly ItemAnalysisInput[]): ItemAnalysisResult[] {
    return this.current.analyzeBatch(inputs);
  }

  /** Loads the active model if it changed; returns whether it did. */
  async refresh(): Promise<boolean> {
    const active = await this.versions.activeVersion();
    if (active?.hasArtifact) {
      if (active.version === this.currentVersion) return false;
      const artifact = await this.versions.artifact(active.version);
      if (artifact) {
        this.use(await fromArtifact(artifact), 'database');
        return true;
      }
    }
    // No artifact in the database (or `npm run train` promoted into the repo file): the file.
    if (this.source === 'file' || (this.source === 'database' && !active)) return false;
    try {
      this.use(Analyzer.load(), 'file');
      return true;
    } catch (err) {
      if (this.source === 'none')
        this.logger.warn(`no analysis model available (${(err as Error).message}); neutral placeholder`);
      return false;
    }
  }

  private use(analyzer: Analyzer, source: 'database' | 'file'): void {
    const previous = this.currentVersion;
    this.current = new AnalyzerItemAnalysis(analyzer);
    this.currentVersion = analyzer.modelVersion;
    this.source = source;
    this.logger.log(`analysis model ${analyzer.modelVersion} active (from ${source}; was ${previous})`);
  }
}

/** A model stored in model_versions.artifact. */
export function fromArtifact(json: ModelBundleJson): Promise<Analyzer> {
  return Analyzer.create(bundleFromJson(json));
}
