import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './config/config.schema';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { ObservabilityModule } from './observability/observability.module';
import { RuntimeRole } from './config/runtime-role';
import type { DestinationStream } from 'pino';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { WebModule } from './web/web.module';
import { UsersModule } from './users/users.module';
import { SecurityModule } from './security/security.module';
import { ConnectorsModule } from './connectors/connectors.module';
import { SourcesModule } from './sources/sources.module';
import { IngestModule } from './ingest/ingest.module';
import { QuarantineModule } from './quarantine/quarantine.module';
import { SyncModule } from './sources/sync.module';
import { ConversationsModule } from './conversations/conversations.module';
import { InboxModule } from './inbox/inbox.module';
import { RepliesModule } from './replies/replies.module';
import { DemoModule } from './demo/demo.module';
import { SlaModule } from './sla/sla.module';
import { AnalysisModule } from './analysis/nest/analysis.module';
import { RealtimeModule } from './realtime/realtime.module';
import { AlertsModule } from './alerts/alerts.module';
import { ReportsModule } from './reports/reports.module';
import { KbModule } from './kb/kb.module';
import { CustomersModule } from './customers/customers.module';
import { TagsModule } from './tags/tags.module';
import { NotificationsModule } from './notifications/notifications.module';
import { AssignmentModule } from './assignment/assignment.module';
import { PresenceModule } from './presence/presence.module';

export interface AppModuleOptions {
  config: AppConfig;
  /** The resolved database: DATABASE_URL, or the embedded server started by bootstrap. */
  databaseUrl: string;
  /** Tests capture logs here; default stdout. */
  logDestination?: DestinationStream;
}

/**
 * The composition root. Feature modules own their controllers, services, entities and jobs;
 * this file only lists them. `ROLE` decides inside each module what runs (HTTP vs jobs).
 */
@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl, logDestination }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(databaseUrl, config.DATABASE_POOL_SIZE),
        ObservabilityModule.forRoot(config, logDestination),
        JobsModule.forRoot(new RuntimeRole(config.ROLE)),
        // feature modules (keep one per line)
        SecurityModule,
        HealthModule,
        AuditModule,
        AuthModule,
        WebModule,
        UsersModule,
        ConnectorsModule,
        SourcesModule,
        IngestModule,
        QuarantineModule,
        SyncModule,
        ConversationsModule,
        InboxModule,
        RepliesModule,
        DemoModule.forRoot(),
        SlaModule,
        AnalysisModule,
        RealtimeModule,
        AlertsModule,
        ReportsModule,
        KbModule,
        CustomersModule,
        TagsModule,
        NotificationsModule,
        AssignmentModule,
        PresenceModule,
      ],
    };
  }
}
