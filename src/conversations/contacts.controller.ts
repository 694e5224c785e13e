import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
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

@Controller('api/contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  /** One person on two platforms: their contacts become one customer. */
  @Post('link')
  @HttpCode(200)
  @Roles('admin')
  link(@Body() dto: LinkContactsDto, @CurrentUser() user?: SessionUser) {
    return this.contacts.link(dto.contactIds, user?.id);
  }
}
