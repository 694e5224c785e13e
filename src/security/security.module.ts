import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { SecretBox } from './secret-box';
import { resolveSecretsKey } from './secrets-key';

/** SecretBox (credentials sealed at rest), for the modules that store secrets: sources, alerts. */
@Module({
  providers: [
    {
      provide: SecretBox,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => new SecretBox(resolveSecretsKey(c)),
    },
  ],
  exports: [SecretBox],
})
export class SecurityModule {}
