import type { Emit, FetchResult, NormalizedItem, SourceContext } from '../../src/connectors/connector';
import { DEFAULT_BOT_TOKEN, TelegramEmulator } from '../../src/emulators/telegram';

export function telegramSource(emu: TelegramEmulator, over: Partial<SourceContext> = {}): SourceContext {
  return {
    id: 'src-tg',
    platform: 'telegram',
    settings: { apiRoot: emu.apiRoot, pollTimeoutSec: 50, ...(over.settings ?? {}) },
    credentials: { botToken: DEFAULT_BOT_TOKEN, ...(over.credentials ?? {}) },
    cursors: over.cursors ?? {},
  };
}

/**
 * Stands in for ingest: an upsert by externalId (one "row" per natural key, edits keep the
 * previous text) and cursors saved with the batch — only when the batch is accepted.
 */
export class Inbox {
  rows = new Map<string, NormalizedItem & { versions: string[]; deliveries: number }>();
  cursors: Record<string, unknown> = {};
  batches: FetchResult[] = [];
  /** Fail the next N emits, as a database outage would. */
  failNext = 0;
  failures = 0;

  emit: Emit = async (batch) => {
    if (this.failNext > 0) {
      this.failNext--;
      this.failures++;
      throw new Error('database is down');
    }
    this.batches.push(batch);
    for (const item of batch.items) {
      const row = this.rows.get(item.externalId);
      if (!row) {
        this.rows.set(item.externalId, { ...item, versions: [item.text], deliveries: 1 });
      } else {
        row.deliveries++;
        if (item.editedAt && item.text !== row.text) {
          row.versions.push(item.text);
          Object.assign(row, item);
        }
      }
    }
    Object.assign(this.cursors, batch.cursors);
  };

  texts(): string[] {
    return [...this.rows.values()].map((r) => r.text);
  }
}

export async function waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const ANNA = { id: 555, first_name: 'Anna', username: 'anna' };
export const OLEG = { id: 556, first_name: 'Oleg' };
export const CHANNEL = -1001001;
export const DISCUSSION = -1001002;

/** A brand channel with its discussion supergroup, the bot an admin of both. */
export function brandChannel(emu: TelegramEmulator): void {
  emu.control.upsertChat({
    id: DISCUSSION,
    type: 'supergroup',
    title: 'Acme Chat',
    bot_status: 'administrator',
  });
  emu.control.upsertChat({ id: CHANNEL, type: 'channel', title: 'Acme News', linked_chat_id: DISCUSSION });
}
