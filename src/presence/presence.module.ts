import { Module } from '@nestjs/common';
import { PresenceController } from './presence.controller';
import { PresencePruneService } from './presence-prune.service';
import { PresenceRepository } from './presence.repository';

/** Who is viewing or typing in a conversation (the collision guard's live half). */
@Module({
  controllers: [PresenceController],
  providers: [PresenceRepository, PresencePruneService],
})
export class PresenceModule {}
