import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Str } from '../common/api-schema';
import { ArrayMaxSize, ArrayMinSize, IsUUID } from 'class-validator';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { SessionUser } from '../users/user.types';
import { ContactsService } from './contacts.service';

export class LinkContactsDto {
  @ApiProperty({ type: String, isArray: true, minItems: 2, maxItems: 50 })
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  contactIds: string[];
}

export class LinkResultView {
  @Str({ format: 'uuid' }) customerId!: string;
  @Str({ format: 'uuid', isArray: true }) contactIds!: string[];
}

export class UnlinkResultView extends LinkResultView {
  @Str({ format: 'uuid', description: 'the customer the contact was taken out of' }) fromCustomerId!: string;
}

@ApiTags('customers')
@Controller('api/contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  /**
   * One person on two platforms: their contacts become one customer (agents and admins, audited;
   * a person confirms it, nothing is merged automatically).
   */
  @Post('link')
  @HttpCode(200)
  @Roles('admin', 'agent')
  @ApiOkResponse({ type: LinkResultView })
  link(@Body() dto: LinkContactsDto, @CurrentUser() user?: SessionUser) {
    return this.contacts.link(dto.contactIds, user?.id);
  }

  /** Linked by mistake: the contact becomes a customer of its own, with its conversations. */
  @Post(':id/unlink')
  @HttpCode(200)
  @Roles('admin', 'agent')
  @ApiOkResponse({ type: UnlinkResultView })
  unlink(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: SessionUser) {
    return this.contacts.unlink(id, user.id);
  }
}
