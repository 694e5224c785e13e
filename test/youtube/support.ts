/** Shared fixture for the YouTube tests: an emulator with a channel, its OAuth client and grant. */
import { QuotaMeter, QuotaUsage, SourceContext } from '../../src/connectors/connector';
import {
  startYouTubeEmulator,
  YouTubeEmulator,
  YOUTUBE_DEMO,
  seedYouTubeBasics,
} from '../../src/emulators/youtube';

export const CHANNEL = YOUTUBE_DEMO.channelId;

/** The quota ledger a source keeps in the database, in memory (same rule: one total per day). */
export class MemoryQuota implements QuotaMeter {
  usage: QuotaUsage | null = null;
  async read() {
    return this.usage;
  }
  async spend(day: string, units: number) {
    this.usage = { day, used: this.usage?.day === day ? this.usage.used + units : units };
    return this.usage.used;
  }
}

export interface YouTubeFixture {
  emu: YouTubeEmulator;
  quota: MemoryQuota;
  video: string;
  source(over?: {
    settings?: Record<string, unknown>;
    credentials?: Record<string, unknown>;
    cursors?: Record<string, unknown>;
  }): SourceContext;
}

export async function startYouTubeFixture(): Promise<YouTubeFixture> {
  const emu = await startYouTubeEmulator({ seed: 5 });
  const demo = seedYouTubeBasics(emu.control);
  const video = emu.control.video({ channelId: CHANNEL, title: 'Обзор тарифа «Дом+»' }).id;
  const quota = new MemoryQuota();
  return {
    emu,
    quota,
    video,
    source: (over = {}) => ({
      id: 'src-yt',
      platform: 'youtube',
      settings: {
        channelId: CHANNEL,
        apiBaseUrl: emu.apiBaseUrl,
        tokenUrl: emu.tokenUrl,
        requestTimeoutMs: 1000,
        ...over.settings,
      },
      credentials: {
        clientId: demo.clientId,
        clientSecret: demo.clientSecret,
        refreshToken: demo.refreshToken,
        ...over.credentials,
      },
      cursors: { ...over.cursors },
      quota,
    }),
  };
}

/** Reads pages until the pass is done, as the sync service does; the cursors carried across. */
export async function drain(
  fetchPage: (
    cursors: Record<string, unknown>,
  ) => Promise<{ items: any[]; cursors: Record<string, unknown>; hasMore?: boolean }>,
  ingest: { emit(b: any): Promise<void>; cursors: Record<string, unknown> },
  maxPages = 1000,
): Promise<number> {
  let pages = 0;
  for (;;) {
    const page = await fetchPage({ ...ingest.cursors });
    await ingest.emit(page);
    pages++;
    if (!page.hasMore || pages >= maxPages) return pages;
  }
}
