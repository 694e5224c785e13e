import { DynamicModule, Module } from '@nestjs/common';
import { ConnectorsModule } from '../connectors/connectors.module';
import { KbModule } from '../kb/kb.module';
import { SourcesModule } from '../sources/sources.module';
import { DemoController } from './demo.controller';
import { DemoSourcesRepository } from './demo-sources.repository';
import { DEMO_OPTIONS, DemoOptions, DemoService } from './demo.service';

/** Demo mode: in-process emulators, the «ДомНет» sources and customers who keep writing. Off with DEMO=false. */
@Module({})
export class DemoModule {
  static forRoot(options: DemoOptions = {}): DynamicModule {
    return {
      module: DemoModule,
      imports: [ConnectorsModule, SourcesModule, KbModule],
      controllers: [DemoController],
      providers: [DemoSourcesRepository, DemoService, { provide: DEMO_OPTIONS, useValue: options }],
      exports: [DemoService],
    };
  }
}
