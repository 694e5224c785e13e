import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { SessionUser } from '../users/user.types';
import { AnalysisCorrectionsService } from './analysis-corrections.service';
import { CorrectAnalysisDto } from './dto/inbox.dto';
import { CorrectionView } from './dto/inbox.views';
import { ItemIdPipe } from './item-id.pipe';

@ApiTags('inbox')
@Controller('api/items')
export class ItemsController {
  constructor(private readonly corrections: AnalysisCorrectionsService) {}

  /** An agent corrects the analysis of one item; the correction is kept for training. */
  @Patch(':id/analysis')
  @Roles('admin', 'agent')
  @ApiOkResponse({ type: CorrectionView })
  correct(
    @Param('id', ItemIdPipe) id: string,
    @Body() dto: CorrectAnalysisDto,
    @CurrentUser() user: SessionUser,
  ) {
    return this.corrections.correct(id, dto, user);
  }
}
