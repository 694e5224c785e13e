import { Global, Module } from '@nestjs/common';
import { AuditLogRepository } from './audit-log.repository';
import { AuditService } from './audit.service';

/** Global so any module can inject AuditService without importing this one. */
@Global()
@Module({
  providers: [AuditLogRepository, AuditService],
  exports: [AuditService],
})
export class AuditModule {}
