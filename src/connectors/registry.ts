import type { Connector } from './connector';

export class UnknownPlatformError extends Error {
  constructor(readonly platform: string) {
    super(`no connector for platform "${platform}"`);
    this.name = 'UnknownPlatformError';
  }
}

/**
 * Connectors by platform name. Everything outside a connector's folder (sources, sync, replies)
 * reaches a platform only through here. Registration happens in connectors.module.ts: a new
 * platform is one folder plus one line there.
 */
export class ConnectorRegistry {
  private readonly byPlatform = new Map<string, Connector>();

  constructor(connectors: readonly Connector[] = []) {
    for (const c of connectors) this.register(c);
  }

  register(connector: Connector): void {
    if (this.byPlatform.has(connector.platform)) {
      throw new Error(`platform "${connector.platform}" is registered twice`);
    }
    this.byPlatform.set(connector.platform, connector);
  }

  get(platform: string): Connector {
    const c = this.byPlatform.get(platform);
    if (!c) throw new UnknownPlatformError(platform);
    return c;
  }

  find(platform: string): Connector | undefined {
    return this.byPlatform.get(platform);
  }

  platforms(): string[] {
    return [...this.byPlatform.keys()].sort();
  }
}
