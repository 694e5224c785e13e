import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { Client } from 'pg';
import { APP_CONFIG } from '../config/config.module';
import { isDemo } from '../config/config';
import { AppConfig } from '../config/config.schema';
import { ConnectorRegistry } from '../connectors/registry';
import { DATABASE_URL } from '../database/database.module';
import { DEFAULT_BOT_TOKEN, startTelegramEmulator, TelegramEmulator } from '../emulators/telegram';
import { seedVkBasics, startVkEmulator, VK_DEMO, VkEmulator } from '../emulators/vk';
import { seedYouTubeBasics, startYouTubeEmulator, YOUTUBE_DEMO, YouTubeEmulator } from '../emulators/youtube';
import { SourcesService } from '../sources/sources.service';
import {
  DEMO_HISTORY,
  DEMO_HISTORY_POST,
  DEMO_SEED,
  DEMO_STORM,
  DEMO_STORM_POST,
  DEMO_TRICKLE,
  DemoLine,
  TG_PEOPLE,
  VK_PEOPLE,
  YT_PEOPLE,
} from './demo-script';
import { DemoSourcesRepository } from './demo-sources.repository';
import { DEMO_TEMPLATES } from './demo-templates';
import { KB_ARTICLES, kbArticleUrl } from '../kb/demo-articles';
import { KbRepository } from '../kb/kb.repository';

export const DEMO_OPTIONS = Symbol('DEMO_OPTIONS');
export interface DemoOptions {
  /** Pause between new items (ms, uniform in [min, max]). */
  trickleMs?: [number, number];
  /** Pause between the seed items, so they arrive as separate events. */
  seedGapMs?: number;
  /** The storm of angry comments comes this long after the seed (0: only on request). */
  stormAfterMs?: number;
  /** Pause between the storm's comments. */
  stormGapMs?: number;
  /** Hours of backdated VK history the detector can compare with (0: none). */
  historyHours?: number;
}

/** Storm authors: people who have not written before (VK ids), so the storm is many voices. */
const STORM_VK_PEOPLE: [string, string][] = [
  ['Андрей', 'Смирнов'],
  ['Татьяна', 'Попова'],
  ['Николай', 'Васильев'],
  ['Елена', 'Павлова'],
  ['Виктор', 'Семёнов'],
  ['Юлия', 'Голубева'],
  ['Алексей', 'Виноградов'],
  ['Ксения', 'Богданова'],
  ['Михаил', 'Воробьёв'],
  ['Анна', 'Фёдорова'],
  ['Роман', 'Михайлов'],
  ['Дарья', 'Беляева'],
  ['Игорь', 'Тарасов'],
  ['Полина', 'Белова'],
  ['Степан', 'Комаров'],
  ['Вера', 'Орлова'],
];
const STORM_VK_BASE = 601;
const STORM_TG_BASE = 9101;

const TG_CHANNEL = -1001500100200;
const TG_GROUP = -1001500100300;
const RUN_ID_STRIDE = 10_000;
/** Session advisory lock (one-bigint key space, apart from the receivers' two-key locks): "otkdemo". */
const DEMO_LOCK_KEY = '0x6f746b64656d6f';

/**
 * Demo mode (DEMO unset or true, on instances that run workers): the VK, Telegram and YouTube
 * emulators run in this process, the company «ДомНет» gets a source on each pointing at them,
 * and customers start writing — through the emulators' control API, so every item travels the
 * real connectors and ingest, and every reply lands in the emulator's outbox.
 *
 * With several worker instances on one database only one runs the demo: the one that holds a
 * session advisory lock on a connection kept for the life of the process. The others skip it.
 */
@Injectable()
export class DemoService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Demo');
  private vk?: VkEmulator;
  private tg?: TelegramEmulator;
  private yt?: YouTubeEmulator;
  private readonly posts = new Map<string, { vk?: number; tg?: number }>();
  /** YouTube videos by script key, and the last top-level comment on each (what a reply answers). */
  private readonly videos = new Map<string, { id: string; lastTopLevel?: string }>();
  private timer?: NodeJS.Timeout;
  private stormTimer?: NodeJS.Timeout;
  private stopped = false;
  private next = 0;
  private seen = { vk: 0, tg: 0, yt: 0 };
  /** Holds the demo lock while this instance runs the demo. */
  private lockClient?: Client;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sources: SourcesService,
    private readonly registry: ConnectorRegistry,
    private readonly demoSources: DemoSourcesRepository,
    private readonly kb: KbRepository,
    @Inject(DEMO_OPTIONS) private readonly options: DemoOptions,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
  ) {}

  get enabled(): boolean {
    return isDemo(this.config) && this.config.ROLE !== 'api';
  }

  /** The emulators, for tests and the control links in the log. */
  emulators() {
    return { vk: this.vk, telegram: this.tg, youtube: this.yt };
  }

  /** This instance runs the demo (demo mode on, and it holds the demo lock). */
  get running(): boolean {
    return !!this.lockClient;
  }

  /** Before the receivers start (onApplicationBootstrap), so they find working sources. */
  async onModuleInit() {
    if (!this.enabled) return;
    if (!(await this.takeDemoLock())) {
      this.log.log('another instance runs the demo (emulators and customers); this one skips it');
      return;
    }
    this.vk = await startVkEmulator({ maxHoldMs: 5_000 });
    this.tg = await startTelegramEmulator({ maxHoldMs: 5_000 });
    // A new seed each run: YouTube comment ids are random, and must not repeat the last run's.
    this.yt = await startYouTubeEmulator({ seed: Date.now() % 1_000_000_007 });
    seedVkBasics(this.vk.control);
    seedYouTubeBasics(this.yt.control, { channelTitle: 'ДомНет' });
    this.vk.control.community({ id: VK_DEMO.groupId, name: 'ДомНет', screen_name: 'domnet' });
    for (const [id, [first, last]] of Object.entries(VK_PEOPLE)) {
      this.vk.control.user({ id: Number(id), first_name: first, last_name: last });
    }
    STORM_VK_PEOPLE.forEach(([first, last], i) =>
      this.vk!.control.user({ id: STORM_VK_BASE + i, first_name: first, last_name: last }),
    );
    this.seedHistory();
    this.tg.control.upsertChat({
      id: TG_CHANNEL,
      type: 'channel',
      title: 'ДомНет — новости',
      username: 'domnet_news',
      linked_chat_id: TG_GROUP,
      bot_status: 'administrator',
    });
    this.tg.control.upsertChat({
      id: TG_GROUP,
      type: 'supergroup',
      title: 'ДомНет — чат абонентов',
      linked_chat_id: TG_CHANNEL,
      bot_status: 'administrator',
    });
    this.log.log(`VK API emulator: ${this.vk.apiBaseUrl} (sent replies: ${this.vk.url}/__control/outbox)`);
    this.log.log(
      `Telegram Bot API emulator: ${this.tg.apiRoot} (sent replies: ${this.tg.url}/__control/outbox)`,
    );
    this.log.log(
      `YouTube Data API emulator: ${this.yt.apiBaseUrl} (sent replies: ${this.yt.url}/__control/outbox)`,
    );

    await this.upsertSource('vk', 'ДомНет во ВКонтакте', (run) => ({
      settings: {
        demo: 'vk',
        demoRun: run,
        groupId: VK_DEMO.groupId,
        apiBaseUrl: this.vk!.apiBaseUrl,
        backfillDays: 1,
        pollingWaitMs: 2000,
      },
      credentials: { groupToken: VK_DEMO.groupToken, serviceToken: VK_DEMO.serviceToken },
    }));
    await this.upsertSource('telegram', 'ДомНет в Telegram', (run) => ({
      settings: { demo: 'telegram', demoRun: run, apiRoot: this.tg!.apiRoot, pollTimeoutSec: 5 },
      credentials: { botToken: DEFAULT_BOT_TOKEN },
    }));
    await this.upsertSource('youtube', 'ДомНет на YouTube', (run) => ({
      settings: {
        demo: 'youtube',
        demoRun: run,
        channelId: YOUTUBE_DEMO.channelId,
        apiBaseUrl: this.yt!.apiBaseUrl,
        tokenUrl: this.yt!.tokenUrl,
        backfillDays: 1,
        pollIntervalSeconds: 15,
      },
      credentials: {
        clientId: YOUTUBE_DEMO.clientId,
        clientSecret: YOUTUBE_DEMO.clientSecret,
        refreshToken: YOUTUBE_DEMO.refreshToken,
      },
    }));
    const templates = await this.demoSources.seedTemplates(DEMO_TEMPLATES);
    if (templates > 0) this.log.log(`added ${templates} reply templates for «ДомНет»`);
    const articles = await this.kb.seedIfEmpty(
      KB_ARTICLES.map(({ slug, ...a }) => ({ ...a, url: kbArticleUrl(slug) })),
    );
    if (articles > 0) this.log.log(`added ${articles} knowledge-base articles for «ДомНет»`);
  }

  /** Customers start writing once the app is up; the trickle keeps going until shutdown. */
  onApplicationBootstrap() {
    if (!this.running) return;
    void this.seed().catch((err) => this.log.error({ err }, 'demo seeding failed'));
  }

  async onApplicationShutdown() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.stormTimer) clearTimeout(this.stormTimer);
    await Promise.allSettled([this.vk?.stop(), this.tg?.stop(), this.yt?.stop()]);
    // Ending the session releases the lock: the next instance to start takes the demo over.
    const lock = this.lockClient;
    this.lockClient = undefined;
    await lock?.end().catch(() => undefined);
  }

  private async takeDemoLock(): Promise<boolean> {
    const c = new Client({ connectionString: this.databaseUrl, application_name: 'otklik-demo-lock' });
    c.on('error', (err) => {
      // The lock went with the session; this instance keeps its emulators until it stops.
      this.log.warn(`demo lock connection lost: ${err.message}`);
    });
    await c.connect();
    try {
      const r = await c.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock($1::bigint) AS ok`, [
        BigInt(DEMO_LOCK_KEY).toString(),
      ]);
      if (r.rows[0].ok) {
        this.lockClient = c;
        return true;
      }
    } catch (err) {
      await c.end().catch(() => undefined);
      throw err;
    }
    await c.end().catch(() => undefined);
    return false;
  }

  private async upsertSource(
    platform: 'vk' | 'telegram' | 'youtube',
    name: string,
    make: (run: number) => { settings: Record<string, unknown>; credentials: Record<string, unknown> },
  ) {
    if (!this.registry.find(platform)) {
      this.log.warn(`no ${platform} connector registered: the demo skips ${platform}`);
      return;
    }
    const existing = await this.demoSources.find(platform);
    const run = existing ? Number(existing.settings.demoRun ?? 0) + 1 : 0;
    this.renumber(platform, run);
    const { settings, credentials } = make(run);
    if (existing) {
      await this.demoSources.clearCursors(existing.id);
      await this.sources.update(existing.id, { settings, credentials, enabled: true });
    } else {
      await this.sources.create({ platform, name, settings, credentials });
      this.log.log(`created the demo ${platform} source «${name}»`);
    }
  }

  /** Ids continue past the previous run's, so a restart never reuses an external id. */
  private renumber(platform: 'vk' | 'telegram' | 'youtube', run: number) {
    if (!run || platform === 'youtube') return; // YouTube ids are random per run
    if (platform === 'vk') {
      for (const space of [`wall-${VK_DEMO.groupId}`, `msg${VK_DEMO.groupId}`]) {
        for (let i = 0; i < run * RUN_ID_STRIDE; i++) this.vk!.control.state.nextId(space);
      }
    } else {
      for (const id of [TG_CHANNEL, TG_GROUP])
        this.tg!.state.chatState(id).nextMessageId = run * RUN_ID_STRIDE + 1;
    }
  }

  private async seed() {
    // Give the receivers a moment to connect, so the seed arrives as live events.
    await sleep(1500);
    for (const line of DEMO_SEED) {
      if (this.stopped) return;
      this.inject(line);
      await sleep(this.options.seedGapMs ?? 150);
    }
    this.log.log(`seeded ${DEMO_SEED.length} items; new ones arrive every 20–40 s`);
    this.scheduleTrickle();
    const after = this.options.stormAfterMs ?? 4 * 60_000;
    if (after > 0) {
      this.stormTimer = setTimeout(() => {
        this.log.log('the demo storm begins: an outage in Заречный, angry comments pile up');
        void this.storm().catch((err) => this.log.warn({ err }, 'demo storm failed'));
      }, after);
      this.stormTimer.unref();
    }
  }

  /**
   * Yesterday's quiet traffic on the VK wall, backdated before the source connects (its start-up
   * backfill reads it): one comment every few minutes over `historyHours`.
   */
  private seedHistory() {
    const hours = this.options.historyHours ?? 6;
    if (!this.vk || hours <= 0) return;
    const owner = -VK_DEMO.groupId;
    const now = Math.floor(Date.now() / 1000);
    const start = now - hours * 3600;
    const post = this.vk.control.post({
      ownerId: owner,
      fromId: owner,
      text: DEMO_HISTORY_POST,
      date: start - 600,
    });
    const step = 5 * 60;
    let i = 0;
    for (let t = start; t < now - 120; t += step, i++) {
      const line = DEMO_HISTORY[i % DEMO_HISTORY.length];
      this.vk.control.comment({
        ownerId: owner,
        postId: post.id,
        fromId: line.who,
        text: line.text,
        date: t,
      });
    }
  }

  /**
   * A storm of angry comments after a simulated outage, spaced `stormGapMs` apart, through the
   * real connectors; the company's outage notice comes first. Returns the number of comments.
   */
  async storm(): Promise<number> {
    if (!this.running) throw new Error('the demo does not run on this instance');
    const owner = -VK_DEMO.groupId;
    const vk = this.registry.find('vk') ? this.vk : undefined;
    const tg = this.registry.find('telegram') ? this.tg : undefined;
    const post = vk?.control.post({ ownerId: owner, fromId: owner, text: DEMO_STORM_POST });
    const gap = this.options.stormGapMs ?? 1000;
    let n = 0;
    for (const [i, line] of DEMO_STORM.entries()) {
      if (this.stopped) break;
      try {
        if (line.vk && vk && post) {
          vk.control.comment({
            ownerId: owner,
            postId: post.id,
            fromId: STORM_VK_BASE + (i % STORM_VK_PEOPLE.length),
            text: line.text,
          });
          n++;
        } else if (!line.vk && tg) {
          tg.control.send({
            chat_id: TG_GROUP,
            from: { id: STORM_TG_BASE + i, first_name: 'Абонент', language_code: 'ru' },
            text: line.text,
          });
          n++;
        }
      } catch (err) {
        this.log.warn({ err }, 'a storm comment was not injected');
      }
      await sleep(gap);
    }
    return n;
  }

  private scheduleTrickle() {
    if (this.stopped) return;
    const [min, max] = this.options.trickleMs ?? [20_000, 40_000];
    this.timer = setTimeout(
      () => {
        this.inject(DEMO_TRICKLE[this.next++ % DEMO_TRICKLE.length]);
        this.reportOutbox();
        this.scheduleTrickle();
      },
      min + Math.random() * (max - min),
    );
    this.timer.unref();
  }

  /** Logs replies that reached the emulators since the last look. */
  reportOutbox() {
    const vkOut = this.vk?.control.outbox() ?? [];
    const tgOut = this.tg?.control.outbox() ?? [];
    for (const o of vkOut.slice(this.seen.vk))
      this.log.log({ method: (o as any).method }, 'a reply landed in the VK emulator');
    for (const o of tgOut.slice(this.seen.tg))
      this.log.log({ method: o.method }, 'a reply landed in the Telegram emulator');
    const ytOut = this.yt?.control.outbox() ?? [];
    for (const o of ytOut.slice(this.seen.yt))
      this.log.log({ method: o.method }, 'a reply landed in the YouTube emulator');
    this.seen = { vk: vkOut.length, tg: tgOut.length, yt: ytOut.length };
  }

  private inject(line: DemoLine) {
    try {
      this.injectUnsafe(line);
    } catch (err) {
      this.log.warn({ err, at: line.at }, 'demo item not injected');
    }
  }

  private injectUnsafe(line: DemoLine) {
    const vk = this.registry.find('vk') ? this.vk : undefined;
    const tg = this.registry.find('telegram') ? this.tg : undefined;
    const yt = this.registry.find('youtube') ? this.yt : undefined;
    const owner = -VK_DEMO.groupId;
    switch (line.at) {
      case 'vk_post':
        if (vk)
          this.post(line.key).vk = vk.control.post({ ownerId: owner, fromId: owner, text: line.text }).id;
        return;
      case 'vk_comment': {
        const postId = this.posts.get(line.post)?.vk;
        if (vk && postId) vk.control.comment({ ownerId: owner, postId, fromId: line.who, text: line.text });
        return;
      }
      case 'vk_dm':
        vk?.control.message({ groupId: VK_DEMO.groupId, fromId: line.who, text: line.text });
        return;
      case 'tg_post':
        if (tg)
          this.post(line.key).tg = tg.control.channelPost({
            chat_id: TG_CHANNEL,
            text: line.text,
          }).post.message_id;
        return;
      case 'tg_comment': {
        const postId = this.posts.get(line.post)?.tg;
        if (tg && postId)
          tg.control.comment({
            channel_id: TG_CHANNEL,
            post_id: postId,
            from: tgUser(line.who),
            text: line.text,
          });
        return;
      }
      case 'tg_group':
        tg?.control.send({ chat_id: TG_GROUP, from: tgUser(line.who), text: line.text });
        return;
      case 'tg_dm':
        tg?.control.send({ from: tgUser(line.who), text: line.text });
        return;
      case 'yt_video':
        if (yt)
          this.videos.set(line.key, {
            id: yt.control.video({ channelId: YOUTUBE_DEMO.channelId, title: line.title }).id,
          });
        return;
      case 'yt_comment': {
        const video = this.videos.get(line.video);
        if (!yt || !video) return;
        const name = YT_PEOPLE[line.who] ?? 'viewer';
        const c = yt.control.comment({
          channelId: YOUTUBE_DEMO.channelId,
          videoId: video.id,
          parentId: line.reply ? video.lastTopLevel : undefined,
          author: { channelId: `UCdemoViewer${line.who}`, name },
          text: line.text,
        });
        if (!line.reply) video.lastTopLevel = c.id;
        return;
      }
    }
  }

  private post(key: string) {
    let p = this.posts.get(key);
    if (!p) this.posts.set(key, (p = {}));
    return p;
  }
}

function tgUser(id: number) {
  const [first_name, username] = TG_PEOPLE[id] ?? ['Гость', undefined];
  return {
    id,
    first_name,
    ...(username ? { username } : {}),
    language_code: /[a-z]/i.test(first_name) ? 'en' : 'ru',
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());
