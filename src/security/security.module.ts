import { Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.schema';
import { SecretBox } from './secret-box';
import { resolveSecretsKey } from './secrets-key';

@Global()
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
