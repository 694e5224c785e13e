/** Shared fixture for the VK tests: an emulator with community 42, tokens, and an in-memory ingest. */
import { FetchResult, NormalizedItem, SourceContext } from '../../src/connectors/connector';
import { startVkEmulator, VkEmulator, VkEmulatorOptions } from '../../src/emulators/vk';

export const GROUP_ID = 42;

export interface VkFixture {
  emu: VkEmulator;
  groupToken: string;
  serviceToken: string;
  source(over?: {
    settings?: Record<string, unknown>;
    credentials?: Record<string, unknown>;
    cursors?: Record<string, unknown>;
  }): SourceContext;
}

export async function startVkFixture(options: VkEmulatorOptions = {}): Promise<VkFixture> {
  const emu = await startVkEmulator({ maxHoldMs: 500, seed: 7, ...options });
  emu.control.community({ id: GROUP_ID, name: 'Acme', screen_name: 'acme' });
  const groupToken = emu.control.token({ kind: 'group', groupId: GROUP_ID });
  const serviceToken = emu.control.token({ kind: 'service', rps: 20 });
  return {
    emu,
    groupToken,
    serviceToken,
    source: (over = {}) => ({
      id: 'src-vk',
      platform: 'vk',
      settings: {
        groupId: GROUP_ID,
        apiBaseUrl: emu.apiBaseUrl,
        apiTimeoutMs: 1000,
        apiWaitMs: 50,
        callDeadlineMs: 5000,
        pollingWaitMs: 100,
        reconcileIntervalMs: 0,
        serviceApiLimit: 20,
        ...over.settings,
      },
      credentials: { groupToken, serviceToken, ...over.credentials },
      cursors: { ...over.cursors },
    }),
  };
}

/**
 * Stands in for ingest: an idempotent upsert on externalId, cursors saved with each batch
 * (the database's unique key is the real guard; this is the same rule in memory).
 */
export class MemoryIngest {
  readonly items = new Map<string, NormalizedItem>();
  readonly cursors: Record<string, unknown> = {};
  /** Every item delivered, duplicates included. */
  delivered: NormalizedItem[] = [];
  batches: FetchResult[] = [];

  emit = async (batch: FetchResult): Promise<void> => {
    this.batches.push(batch);
    for (const item of batch.items) {
      this.delivered.push(item);
      const prior = this.items.get(item.externalId);
      this.items.set(item.externalId, prior && !item.editedAt ? prior : item);
    }
    Object.assign(this.cursors, batch.cursors);
  };

  texts(): string[] {
    return [...this.items.values()].map((i) => i.text).sort();
  }
}

export async function waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
