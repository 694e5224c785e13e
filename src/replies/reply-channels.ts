import { Injectable } from '@nestjs/common';
import { Connector, ConnectorError, SourceContext } from '../connectors/connector';
import { ConnectorRegistry } from '../connectors/registry';
import { SourcesService } from '../sources/sources.service';

/** Where a reply goes out: the platform's connector and the source's decrypted context. */
@Injectable()
export class ReplyChannels {
  constructor(
    private readonly registry: ConnectorRegistry,
    private readonly sources: SourcesService,
  ) {}

  connector(platform: string): Connector {
    const c = this.registry.find(platform);
    if (!c) throw new ConnectorError('configuration', `no connector for platform "${platform}"`);
    return c;
  }

  sourceContext(sourceId: string): Promise<SourceContext> {
    return this.sources.context(sourceId);
  }

  /** Whether the platform dedupes our sends by idempotency key (VK guid/random_id; not Telegram). */
  idempotentSends(platform: string): boolean {
    return this.registry.find(platform)?.idempotentSends === true;
  }

  /**
   * A send that says the source's token or access is broken (VK 5/15/27/28, Telegram 401/404, a
   * missing bot token) also tells the source's health. Everything else belongs to the reply alone:
   * a surface that cannot be answered (`unsupported`), a refusal, a timeout never silence a source.
   */
  async reportSourceError(sourceId: string, err: unknown): Promise<void> {
    if (err instanceof ConnectorError && (err.code === 'auth_revoked' || err.code === 'configuration')) {
      await this.sources.recordError(sourceId, err).catch(() => undefined);
    }
  }
}
