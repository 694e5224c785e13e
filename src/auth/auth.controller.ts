import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  HttpException,
  HttpStatus,
  Inject,
  Patch,
  Post,
  Req,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiCookieAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { CurrentUser, Public } from './auth.decorators';
import type { SessionUser } from '../users/user.types';
import { AuthService } from './auth.service';
import { sameOriginOrAbsent } from './csrf';
import { ChangePasswordDto } from './dto/change-password.dto';
import { SessionView } from './dto/auth.views';
import { LoginDto } from './dto/login.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { SESSION_COOKIE, sessionCookieOptions } from './session-cookie';

@ApiTags('auth')
@ApiCookieAuth()
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionView })
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    if (!sameOriginOrAbsent(req.get('origin'), req.get('referer'), req.get('host'), this.config.PUBLIC_URL)) {
      throw new ForbiddenException('Sign-in from another site is not allowed');
    }
    res.setHeader('Cache-Control', 'no-store');
    const result = await this.auth.login(
      dto.email,
      dto.password,
      req.ip ?? 'unknown',
      req.get('user-agent') ?? null,
    );
    switch (result.kind) {
      case 'ok':
        res.cookie(SESSION_COOKIE, result.token, sessionCookieOptions(this.config, result.expiresAt));
        return { user: result.user, csrfToken: result.csrfToken };
      case 'invalid':
        throw new UnauthorizedException('Wrong e-mail or password');
      case 'locked':
        res.setHeader('Retry-After', String(result.retryAfterSeconds));
        throw new HttpException(
          {
            statusCode: HttpStatus.LOCKED,
            error: 'Locked',
            message: `Too many failed sign-ins for this account; try again in ${minutes(result.retryAfterSeconds)}`,
          },
          HttpStatus.LOCKED,
        );
      case 'rate_limited':
        res.setHeader('Retry-After', String(result.retryAfterSeconds));
        throw new HttpException(
          {
            statusCode: HttpStatus.TOO_MANY_REQUESTS,
            error: 'Too Many Requests',
            message: `Too many failed sign-ins from this address; try again in ${minutes(result.retryAfterSeconds)}`,
          },
          HttpStatus.TOO_MANY_REQUESTS,
        );
    }
  }

  /** Who is signed in, and the CSRF token the browser must echo on writes. */
  @Get('me')
  @ApiOkResponse({ type: SessionView })
  async me(@CurrentUser() user: SessionUser, @Res({ passthrough: true }) res: Response) {
    res.setHeader('Cache-Control', 'no-store');
    const me = await this.auth.me(user.sessionId);
    if (!me) throw new UnauthorizedException('Your session has ended; sign in again');
    return me;
  }

  /** Your own name and language. */
  @Patch('me')
  @ApiOkResponse({ type: SessionView })
  updateProfile(@CurrentUser() user: SessionUser, @Body() dto: UpdateProfileDto) {
    return this.auth.updateProfile(user, dto);
  }

  @Post('logout')
  @ApiNoContentResponse()
  @HttpCode(204)
  async logout(@CurrentUser() user: SessionUser, @Res({ passthrough: true }) res: Response) {
    await this.auth.logout(user.sessionId);
    res.clearCookie(SESSION_COOKIE, sessionCookieOptions(this.config));
  }

  /** Change your own password; your other sessions are signed out. */
  @Post('password')
  @HttpCode(204)
  @ApiNoContentResponse()
  async changePassword(@CurrentUser() user: SessionUser, @Body() dto: ChangePasswordDto) {
    await this.auth.changePassword(user, dto.currentPassword, dto.newPassword);
  }
}

function minutes(seconds: number): string {
  const m = Math.ceil(seconds / 60);
  return m === 1 ? '1 minute' : `${m} minutes`;
}
