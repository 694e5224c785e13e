import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { AuditPageView, AuditQuery } from './audit.dto';
import { AuditService } from './audit.service';

/** Who changed what and when: admins only. */
@ApiTags('audit')
@Roles('admin')
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOkResponse({ type: AuditPageView })
  search(@Query() q: AuditQuery) {
    return this.audit.search(q);
  }
}
