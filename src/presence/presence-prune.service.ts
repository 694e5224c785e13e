import { Injectable } from '@nestjs/common';
import { OnJob } from '../jobs/on-job';
import { PresenceRepository } from './presence.repository';

@Injectable()
export class PresencePruneService {
  constructor(private readonly presence: PresenceRepository) {}

  @OnJob({ name: 'presence.prune', every: 300, expireInSeconds: 60 })
  async prune(): Promise<void> {
    await this.presence.prune();
  }
}
