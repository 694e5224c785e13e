import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';

export class TeamNameDto {
  @ApiProperty({ example: 'Billing' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;
}

export class AddMemberDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;
}
