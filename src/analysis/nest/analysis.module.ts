import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { ItemAnalysis } from '../../ingest/item-analysis';
import { ActiveModel } from './active-model';
import { AnalysisController } from './analysis.controller';
import { AnalysisWorkers } from './analysis.workers';
import { ModelVersionsRepository } from './model-versions.repository';
import { RetrainService } from './retrain.service';

/**
 * Analysis glue: the active model, loaded once and provided as ingest's ItemAnalysis (IngestModule
 * imports this), the weekly retrain and the model API.
 */
@Module({
  imports: [AuditModule],
  controllers: [AnalysisController],
  providers: [
    ModelVersionsRepository,
    ActiveModel,
    { provide: ItemAnalysis, useExisting: ActiveModel },
    RetrainService,
    AnalysisWorkers,
  ],
  exports: [ItemAnalysis, ActiveModel, RetrainService],
})
export class AnalysisModule {}
