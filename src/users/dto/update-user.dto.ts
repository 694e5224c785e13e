import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import type { UserRole } from '../user.types';
import { USER_LOCALES, USER_ROLES, UserLocale } from '../user.entity';

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: USER_ROLES })
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: 'true signs the user out everywhere' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ enum: USER_LOCALES })
  @IsOptional()
  @IsIn(USER_LOCALES)
  locale?: UserLocale;

  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  maxOpenConversations?: number;

  @ApiPropertyOptional({ description: 'a care lead: told of breaches, reads reports and alerts' })
  @IsOptional()
  @IsBoolean()
  isLead?: boolean;

  @ApiPropertyOptional({ format: 'password', description: 'an admin reset; signs the user out everywhere' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  password?: string;
}
