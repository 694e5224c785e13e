import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { BrandReportsService } from './brand-reports.service';
import { CareReportsService } from './care-reports.service';
import { CompanySettingsRepository } from './company-settings.repository';
import { CompanySettingsService } from './company-settings.service';
import { ForecastService } from './forecast.service';
import { ReportItemsRepository } from './report-items.repository';
import { ReportItemsService } from './report-items.service';
import { ReportLookupsRepository } from './report-lookups.repository';
import { ReportRangeService } from './report-range.service';
import { ReportWorkers } from './report-workers';
import { ReportsController } from './reports.controller';
import { CareRollupsRepository } from './rollups/care-rollups.repository';
import { ItemRollupsRepository } from './rollups/item-rollups.repository';
import { RollupMaintenance } from './rollups/rollup-maintenance.service';
import { TagRollupsRepository } from './rollups/tag-rollups.repository';
import { TermsRepository } from './rollups/terms.repository';
import { TermsWorker } from './rollups/terms-worker.service';
import { TopicsReportsService } from './topics-reports.service';

/**
 * Reports (issue 13): the API over the rollup tables, the rollups' upkeep (fold, terms, backlog
 * snapshots; the triggers themselves live in PostgreSQL), rebuild and check. Reads other
 * modules' tables only through its own SQL; writes only report_* and company_settings.
 */
@Module({
  imports: [AuditModule],
  controllers: [ReportsController],
  providers: [
    CompanySettingsRepository,
    CompanySettingsService,
    ReportRangeService,
    ReportLookupsRepository,
    ReportItemsRepository,
    ReportItemsService,
    ItemRollupsRepository,
    CareRollupsRepository,
    TagRollupsRepository,
    TermsRepository,
    TermsWorker,
    RollupMaintenance,
    BrandReportsService,
    TopicsReportsService,
    CareReportsService,
    ForecastService,
    ReportWorkers,
  ],
  exports: [RollupMaintenance, TermsWorker, CompanySettingsRepository],
})
export class ReportsModule {}
