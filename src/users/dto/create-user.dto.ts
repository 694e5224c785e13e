import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
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

export class CreateUserDto {
  @ApiProperty({ example: 'anna@example.com' })
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'Anna Petrova' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role: UserRole;

  @ApiProperty({ format: 'password', minLength: 12 })
  @IsString()
  @MaxLength(1024)
  password: string;

  @ApiProperty({ enum: USER_LOCALES })
  @IsIn(USER_LOCALES)
  locale: UserLocale;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 6 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  maxOpenConversations?: number;

  @ApiPropertyOptional({ description: 'a care lead: told of breaches, reads reports and alerts' })
  @IsOptional()
  @IsBoolean()
  isLead?: boolean;
}
