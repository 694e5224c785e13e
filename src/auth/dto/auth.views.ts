import { Bool, Enum, Of, Str } from '../../common/api-schema';
import { USER_LOCALES, USER_ROLES } from '../../users/user.entity';

export class PublicUserView {
  @Str({ format: 'uuid' }) id!: string;
  @Str() email!: string;
  @Str() name!: string;
  @Enum(USER_ROLES) role!: 'admin' | 'agent' | 'analyst';
  /** A care lead (a flag on top of the role): reads reports and alerts, told of breaches. */
  @Bool() isLead!: boolean;
  @Enum(USER_LOCALES) locale!: 'ru' | 'en';
}

/** Who is signed in, and the CSRF token the page keeps in memory and echoes on writes. */
export class SessionView {
  @Of(() => PublicUserView) user!: PublicUserView;
  @Str() csrfToken!: string;
}
