import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../auth/auth.decorators';
import type { SessionUser } from '../../users/user.types';
import { CreateSavedViewDto, SavedViewListView, SavedViewView, UpdateSavedViewDto } from './saved-view.dto';
import { SavedViewsService } from './saved-views.service';

/** Saved views of the queue with their live counts; a person edits their own, admins the shared ones. */
@ApiTags('inbox')
@Controller('api/saved-views')
export class SavedViewsController {
  constructor(private readonly views: SavedViewsService) {}

  @Get()
  @Roles('admin', 'agent', 'analyst')
  @ApiOkResponse({ type: SavedViewListView })
  list(@CurrentUser() user: SessionUser) {
    return this.views.list(user);
  }

  @Post()
  @Roles('admin', 'agent', 'analyst')
  @ApiCreatedResponse({ type: SavedViewView })
  create(@Body() dto: CreateSavedViewDto, @CurrentUser() user: SessionUser) {
    return this.views.create(dto, user);
  }

  @Patch(':id')
  @Roles('admin', 'agent', 'analyst')
  @ApiOkResponse({ type: SavedViewView })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateSavedViewDto,
    @CurrentUser() user: SessionUser,
  ) {
    return this.views.update(id, dto, user);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin', 'agent', 'analyst')
  @ApiNoContentResponse()
  async remove(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: SessionUser) {
    await this.views.remove(id, user);
  }
}
