import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { USER_LOCALES, UserLocale } from '../../users/user.entity';

/** What a person may change about themselves (role, limits and access stay with admins). */
export class UpdateProfileDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: USER_LOCALES, description: 'the language of the UI and of e-mails' })
  @IsOptional()
  @IsIn(USER_LOCALES)
  locale?: UserLocale;
}
