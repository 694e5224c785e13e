import { Global, Module } from '@nestjs/common';
import { AppConfig } from './config.schema';
import { RuntimeRole } from './runtime-role';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Provides the validated AppConfig and the RuntimeRole. `main.ts` loads it once and hands it in. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig) {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: RuntimeRole, useValue: new RuntimeRole(config.ROLE) },
      ],
      exports: [APP_CONFIG, RuntimeRole],
    };
  }
}
