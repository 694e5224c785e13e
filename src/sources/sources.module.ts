import { Module } from '@nestjs/common';
import { SecurityModule } from '../security/security.module';
import { ConnectorsModule } from '../connectors/connectors.module';
import { AuditModule } from '../audit/audit.module';
import { allowsCustomApiUrls } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { ApiUrlPolicy } from './api-endpoints';
import { SourcesController } from './sources.controller';
import { SourcesRepository } from './sources.repository';
import { SourcesService } from './sources.service';

/** Sources CRUD, credentials at rest (SecretBox), cursors and state. */
@Module({
  imports: [AuditModule, ConnectorsModule, SecurityModule],
  controllers: [SourcesController],
  providers: [
    SourcesRepository,
    SourcesService,
    {
      provide: ApiUrlPolicy,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new ApiUrlPolicy(allowsCustomApiUrls(config)),
    },
  ],
  exports: [SourcesService],
})
export class SourcesModule {}
