import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { SessionUser } from '../users/user.types';
import { ItemIdPipe } from '../inbox/item-id.pipe';
import { ListQuarantineQuery, QuarantinePageView, ReplayOutcomeView } from './dto/quarantine.dto';
import { QuarantineService } from './quarantine.service';

/** Items ingest could not store, kept as received (admins only: raw payloads of any source). */
@ApiTags('quarantine')
@ApiCookieAuth()
@Roles('admin')
@Controller('api/quarantine')
export class QuarantineController {
  constructor(private readonly quarantine: QuarantineService) {}

  /** Newest first, by pages. */
  @Get()
  @ApiOkResponse({ type: QuarantinePageView })
  list(@Query() q: ListQuarantineQuery) {
    return this.quarantine.list(q);
  }

  /** Runs the item through ingest again; the outcome is recorded on the row and in the audit log. */
  @Post(':id/replay')
  @HttpCode(200)
  @ApiOkResponse({ type: ReplayOutcomeView })
  @ApiNotFoundResponse({ description: 'no quarantined item with this id' })
  replay(@Param('id', ItemIdPipe) id: string, @CurrentUser() user: SessionUser) {
    return this.quarantine.replay(id, user);
  }
}
