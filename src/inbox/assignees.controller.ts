import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { AssigneesRepository } from './assignees.repository';
import { AssigneesView } from './dto/inbox.views';

/** Whom a conversation can be given to, with their current load (the conversation view's picker). */
@ApiTags('inbox')
@Controller('api/inbox/assignees')
export class AssigneesController {
  constructor(private readonly assignees: AssigneesRepository) {}

  @Get()
  @Roles('admin', 'agent')
  @ApiOkResponse({ type: AssigneesView })
  async list() {
    const [agents, teams] = await Promise.all([this.assignees.agents(), this.assignees.teams()]);
    return { agents, teams };
  }
}
