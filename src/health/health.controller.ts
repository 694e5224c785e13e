import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { PgBossJobQueue } from '../jobs/pg-boss-job-queue';

type Part = 'up' | 'down';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: DataSource,
    private readonly queue: PgBossJobQueue,
  ) {}

  /** The process is up (no dependencies: a liveness probe must not restart us for a slow DB). */
  @Get('live')
  @ApiOkResponse({ description: 'The process is running' })
  live() {
    return { status: 'ok' };
  }

  /** Ready to serve: the database answers and the job queue is running on its schema. */
  @Get('ready')
  @HttpCode(200)
  @ApiOkResponse({ description: '{ status: "ok", database: "up", queue: "up" }' })
  @ApiServiceUnavailableResponse({
    description: 'Which part is down, e.g. { database: "up", queue: "down" }',
  })
  async ready() {
    const [database, queue] = await Promise.all([this.databaseUp(), this.queueUp()]);
    if (database === 'down' || queue === 'down') {
      throw new ServiceUnavailableException({ status: 'unavailable', database, queue });
    }
    return { status: 'ok', database, queue };
  }

  private async databaseUp(): Promise<Part> {
    try {
      await withTimeout(this.db.query('SELECT 1'), 3000);
      return 'up';
    } catch {
      return 'down';
    }
  }

  private async queueUp(): Promise<Part> {
    return (await withTimeout(this.queue.isHealthy(), 3000).catch(() => false)) ? 'up' : 'down';
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
