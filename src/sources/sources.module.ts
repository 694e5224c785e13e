import { Module } from '@nestjs/common';
import { SourcesController } from './sources.controller';
import { SourcesRepository } from './sources.repository';
import { SourcesService } from './sources.service';

/** Sources CRUD, credentials at rest, cursors and state. Needs ConnectorsModule (global) and SecurityModule. */
@Module({
  controllers: [SourcesController],
  providers: [SourcesRepository, SourcesService],
  exports: [SourcesService],
})
export class SourcesModule {}
