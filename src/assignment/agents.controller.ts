import { Body, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { JobQueue } from '../jobs/job-queue';
import type { SessionUser } from '../users/user.types';
import { HAND_OUT_JOB, AssignmentService } from './assignment.service';
import {
  AgentStatusView,
  SetAgentStatusDto,
  SetLanguagesDto,
  TeamAssignmentDto,
  TeamAssignmentView,
} from './dto/assignment.dto';

/**
 * Agents' availability and load (capacity is users.maxOpenConversations) and the teams'
 * hand-out settings. An agent sets her own state; the live stream keeps her "seen", and a worker
 * puts her offline when her browser is gone.
 */
@ApiTags('assignment')
@Controller('api')
export class AgentsController {
  constructor(
    private readonly assignment: AssignmentService,
    private readonly jobs: JobQueue,
  ) {}

  @Get('agents')
  @Roles('admin', 'agent', 'analyst')
  @ApiOkResponse({ type: [AgentStatusView] })
  list() {
    return this.assignment.agents();
  }

  @Get('agents/me')
  @Roles('admin', 'agent')
  @ApiOkResponse({ type: AgentStatusView })
  async me(@CurrentUser() user: SessionUser) {
    return (await this.assignment.status(user.id))!;
  }

  @Put('agents/me/status')
  @Roles('admin', 'agent')
  @ApiOkResponse({ type: AgentStatusView })
  async setStatus(@Body() dto: SetAgentStatusDto, @CurrentUser() user: SessionUser) {
    const view = await this.assignment.setState(user.id, dto.state, dto.languages);
    // room appeared: hand out what waits without waiting for the next tick
    if (dto.state === 'online') await this.jobs.enqueue(HAND_OUT_JOB, {}, { singletonKey: 'hand-out:now' });
    return view!;
  }

  @Put('agents/:id/languages')
  @Roles('admin')
  @ApiOkResponse({ type: AgentStatusView })
  async setLanguages(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SetLanguagesDto,
    @CurrentUser() user: SessionUser,
  ) {
    if (!(await this.assignment.status(id))) throw new NotFoundException('user not found');
    return (await this.assignment.setLanguages(user.id, id, dto.languages))!;
  }

  @Get('assignment/teams')
  @Roles('admin', 'agent', 'analyst')
  @ApiOkResponse({ type: [TeamAssignmentView] })
  teams() {
    return this.assignment.teamSettings();
  }

  @Put('assignment/teams/:teamId')
  @Roles('admin')
  @ApiOkResponse({ type: TeamAssignmentView })
  async setTeam(
    @Param('teamId', ParseUUIDPipe) teamId: string,
    @Body() dto: TeamAssignmentDto,
    @CurrentUser() user: SessionUser,
  ) {
    const t = await this.assignment.setTeamSettings(user.id, { teamId, ...dto });
    if (!t) throw new NotFoundException('team not found');
    return t;
  }
}
