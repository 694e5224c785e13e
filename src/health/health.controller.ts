import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { Public } from '../auth/auth.decorators';
import { DataSource } from 'typeorm';

@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly db: DataSource) {}

  /** The process is up. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** Ready to serve: the database answers. */
  @Get('ready')
  @HttpCode(200)
  async ready() {
    try {
      await this.db.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException({ status: 'unavailable', database: 'down' });
    }
    return { status: 'ok', database: 'up' };
  }
}
