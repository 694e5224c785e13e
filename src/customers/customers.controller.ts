import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { SessionUser } from '../users/user.types';
import {
  CustomerNoteDto,
  CustomerNoteView,
  CustomerView,
  DismissSuggestionDto,
  SamePersonSuggestionView,
} from './dto/customer.dto';
import { CustomersService } from './customers.service';

/** The customer 360°. Linking and unlinking contacts is /api/contacts (ContactsController). */
@ApiTags('customers')
@Controller('api/customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Get(':id')
  @Roles('admin', 'agent', 'analyst')
  @ApiOkResponse({ type: CustomerView })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.customers.get(id);
  }

  /** Contacts likely to be this person, for someone to confirm (POST /api/contacts/link) or dismiss. */
  @Get(':id/suggestions')
  @Roles('admin', 'agent', 'analyst')
  @ApiOkResponse({ type: SamePersonSuggestionView, isArray: true })
  suggestions(@Param('id', ParseUUIDPipe) id: string) {
    return this.customers.suggestions(id);
  }

  /** "Not the same person": the suggestion is not made again. */
  @Post(':id/suggestions/dismiss')
  @HttpCode(204)
  @Roles('admin', 'agent')
  @ApiNoContentResponse()
  async dismiss(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DismissSuggestionDto,
    @CurrentUser() user: SessionUser,
  ) {
    await this.customers.dismissSuggestion(id, dto.contactId, user);
  }

  @Post(':id/notes')
  @Roles('admin', 'agent')
  @ApiCreatedResponse({ type: CustomerNoteView })
  addNote(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CustomerNoteDto,
    @CurrentUser() user: SessionUser,
  ) {
    return this.customers.addNote(id, dto.text, user);
  }

  /** The author or an admin edits a note; the previous text is kept in its history. */
  @Patch(':id/notes/:noteId')
  @Roles('admin', 'agent')
  @ApiOkResponse({ type: CustomerNoteView })
  editNote(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('noteId', ParseUUIDPipe) noteId: string,
    @Body() dto: CustomerNoteDto,
    @CurrentUser() user: SessionUser,
  ) {
    return this.customers.editNote(id, noteId, dto.text, user);
  }
}
