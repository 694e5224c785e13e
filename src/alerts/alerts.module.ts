import { Module } from '@nestjs/common';
import { SecurityModule } from '../security/security.module';
import { AuditModule } from '../audit/audit.module';
import { AlertDeliveryService, SEND_TIMEOUT_MS, SLACK_SENDER } from './alert-delivery.service';
import { AlertRecorder } from './alert-recorder.service';
import { AlertRulesController } from './alert-rules.controller';
import { AlertRulesRepository } from './alert-rules.repository';
import { AlertRulesService } from './alert-rules.service';
import { AlertSignalsRepository } from './alert-signals.repository';
import { AlertSlaRepository } from './alert-sla.repository';
import { AlertSweepService } from './alert-sweep.service';
import { AlertWorkers } from './alert-workers';
import { AlertsController } from './alerts.controller';
import { AlertsEvaluationService } from './alerts-evaluation.service';
import { AlertsRepository } from './alerts.repository';
import { AlertsService } from './alerts.service';
import { HighReachEvaluator } from './evaluators/high-reach.evaluator';
import { SlaEvaluator } from './evaluators/sla.evaluator';
import { SourceHealthEvaluator } from './evaluators/source-health.evaluator';
import { SpikeEvaluator } from './evaluators/spike.evaluator';
import { TagsEvaluator } from './evaluators/tags.evaluator';
import { TermsEvaluator } from './evaluators/terms.evaluator';
import { SlackSender } from './slack/slack-sender';

/**
 * Alerting: rules (admin API), detectors (plain TypeScript in detection/), the evaluation and
 * sweep schedules, and delivery to Slack through a job. Reads items, sources and the SLA record;
 * writes only its own tables. JobQueue and APP_CONFIG come from the app's global modules.
 */
@Module({
  imports: [AuditModule, SecurityModule],
  controllers: [AlertRulesController, AlertsController],
  providers: [
    AlertRulesRepository,
    AlertsRepository,
    AlertSignalsRepository,
    AlertSlaRepository,
    AlertRulesService,
    AlertsService,
    AlertRecorder,
    AlertDeliveryService,
    AlertsEvaluationService,
    AlertSweepService,
    AlertWorkers,
    SpikeEvaluator,
    TermsEvaluator,
    TagsEvaluator,
    HighReachEvaluator,
    SlaEvaluator,
    SourceHealthEvaluator,
    { provide: SLACK_SENDER, useFactory: () => new SlackSender(SEND_TIMEOUT_MS) },
  ],
  exports: [AlertsEvaluationService, AlertDeliveryService, AlertSweepService, AlertRulesService],
})
export class AlertsModule {}
