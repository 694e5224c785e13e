import { ConflictException, Controller, HttpCode, Logger, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { DemoService } from './demo.service';

/** Demo mode's show buttons (admin): a storm of angry comments after a simulated outage. */
@ApiTags('demo')
@Roles('admin')
@Controller('api/demo')
export class DemoController {
  private readonly log = new Logger('Demo');

  constructor(private readonly demo: DemoService) {}

  /** Starts the storm (about a minute of comments through the real connectors); the spike alert follows. */
  @Post('storm')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: '{ started: true }' })
  @ApiConflictResponse({ description: 'demo mode is off, or another instance runs the demo' })
  storm() {
    if (!this.demo.running)
      throw new ConflictException(
        'the demo does not run on this instance (DEMO=false or another instance has it)',
      );
    void this.demo.storm().catch((err) => this.log.warn({ err }, 'demo storm failed'));
    return { started: true };
  }
}
