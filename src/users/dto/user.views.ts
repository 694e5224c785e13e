import { Bool, DateTime, Enum, Int, ListOf, NullableDateTime, Str } from '../../common/api-schema';
import { USER_LOCALES, USER_ROLES } from '../user.entity';

/** What the admin API shows of a user (see user.view.ts). */
export class UserViewSchema {
  @Str({ format: 'uuid' }) id!: string;
  @Str() email!: string;
  @Str() name!: string;
  @Enum(USER_ROLES) role!: 'admin' | 'agent' | 'analyst';
  @Enum(USER_LOCALES) locale!: 'ru' | 'en';
  @Int() maxOpenConversations!: number;
  @Bool() isLead!: boolean;
  @Bool() disabled!: boolean;
  @NullableDateTime() lockedUntil!: string | null;
  @NullableDateTime() lastLoginAt!: string | null;
  @DateTime() createdAt!: string;
}

export class TeamMemberView {
  @Str({ format: 'uuid' }) id!: string;
  @Str() email!: string;
  @Str() name!: string;
  @Enum(USER_ROLES) role!: string;
  @Bool() isLead!: boolean;
}

export class TeamViewSchema {
  @Str({ format: 'uuid' }) id!: string;
  @Str() name!: string;
  @ListOf(() => TeamMemberView) members!: TeamMemberView[];
}
