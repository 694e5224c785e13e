import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { allowsCustomApiUrls } from '../config/config';
import type { AppConfig } from '../config/config.schema';
import type { Connector } from './connector';
import { ConnectorRegistry } from './registry';
import { TelegramConnector } from './telegram';
import { VkConnector, VkMentionsConnector } from './vk';
import { WebhookConnector } from './webhook/webhook.connector';
import { YouTubeConnector } from './youtube';

/** One line per platform. */
const PLATFORM_CONNECTORS: ReadonlyArray<(config: AppConfig) => Connector> = [
  (config) => new WebhookConnector({ allowPrivateOutbound: allowsCustomApiUrls(config) }),
  (config) => new TelegramConnector({ apiRoot: config.TELEGRAM_API_URL }),
  () => new VkConnector(),
  () => new VkMentionsConnector(),
  () => new YouTubeConnector(),
];

/** The connector registry, for the modules that reach platforms (sources, sync, replies, demo). */
@Module({
  providers: [
    {
      provide: ConnectorRegistry,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new ConnectorRegistry(PLATFORM_CONNECTORS.map((make) => make(config))),
    },
  ],
  exports: [ConnectorRegistry],
})
export class ConnectorsModule {}
