import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { SessionUser } from './user.types';
import { AddMemberDto, TeamNameDto } from './dto/team.dto';
import { TeamViewSchema } from './dto/user.views';
import { TeamsService } from './teams.service';

/** Everyone signed in may see the teams (to hand a conversation over); only admins change them. */
@ApiTags('teams')
@ApiCookieAuth()
@Controller('api/teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  @ApiOkResponse({ type: TeamViewSchema, isArray: true })
  list() {
    return this.teams.list();
  }

  @Roles('admin')
  @Post()
  @ApiCreatedResponse({ type: TeamViewSchema })
  create(@CurrentUser() actor: SessionUser, @Body() dto: TeamNameDto) {
    return this.teams.create(actor, dto.name);
  }

  @Roles('admin')
  @Patch(':id')
  @ApiOkResponse({ type: TeamViewSchema })
  rename(
    @CurrentUser() actor: SessionUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: TeamNameDto,
  ) {
    return this.teams.rename(actor, id, dto.name);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@CurrentUser() actor: SessionUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.teams.remove(actor, id);
  }

  @Roles('admin')
  @Post(':id/members')
  @ApiCreatedResponse({ type: TeamViewSchema })
  addMember(
    @CurrentUser() actor: SessionUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AddMemberDto,
  ) {
    return this.teams.addMember(actor, id, dto.userId);
  }

  @Roles('admin')
  @Delete(':id/members/:userId')
  @HttpCode(204)
  @ApiNoContentResponse()
  removeMember(
    @CurrentUser() actor: SessionUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('userId', ParseUUIDPipe) userId: string,
  ) {
    return this.teams.removeMember(actor, id, userId);
  }
}
