import { Logger } from '@nestjs/common';
import {
  ConnectorError,
  type Connector,
  type FetchResult,
  type SourceContext,
} from '../../src/connectors/connector';
import { ConnectorRegistry } from '../../src/connectors/registry';
import { SecretBox } from '../../src/security/secret-box';
import { PushReceivers } from '../../src/sources/push-receivers.service';
import { ApiUrlPolicy } from '../../src/sources/api-endpoints';
import { SourcesRepository } from '../../src/sources/sources.repository';
import { SourcesService } from '../../src/sources/sources.service';
import { SyncService } from '../../src/sources/sync.service';
import { comment, IngestHarness, openIngestHarness } from '../ingest/harness';

/** A platform whose fetch replays a script of outcomes (errors or batches). */
class ScriptedPull implements Connector {
  readonly platform = 'scripted_pull';
  script: Array<ConnectorError | FetchResult> = [];
  seen: SourceContext[] = [];
  async verify() {
    return { accountName: 'scripted' };
  }
  async fetch(ctx: SourceContext): Promise<FetchResult> {
    this.seen.push(ctx);
    const next = this.script.shift() ?? { items: [], cursors: {} };
    if (next instanceof ConnectorError) throw next;
    return next;
  }
  async send(): Promise<never> {
    throw new ConnectorError('configuration', 'no');
  }
}

/** A push platform that records which receiver instance started. */
class CountingPush implements Connector {
  readonly platform = 'counting_push';
  starts: string[] = [];
  constructor(private readonly name: string) {}
  async verify() {
    return { accountName: 'push' };
  }
  async receive(ctx: SourceContext, emit: (b: FetchResult) => Promise<void>) {
    this.starts.push(this.name);
    await emit({
      items: [comment({ author: { externalId: `push-${this.name}` } })],
      cursors: { lp: { by: this.name } },
    });
    return async () => undefined;
  }
  async send(): Promise<never> {
    throw new ConnectorError('configuration', 'no');
  }
}

describe('SyncService and PushReceivers', () => {
  let h: IngestHarness;
  const box = new SecretBox(Buffer.alloc(32, 7));
  const pull = new ScriptedPull();
  let sources: SourcesService;
  let sync: SyncService;
  beforeAll(async () => {
    Logger.overrideLogger(false);
    h = await openIngestHarness();
    const registry = new ConnectorRegistry([pull]);
    sources = new SourcesService(new SourcesRepository(h.ds), registry, box, new ApiUrlPolicy(true));
    sync = new SyncService(sources, registry, h.ingest);
  });
  afterAll(() => h?.stop());

  const state = async (id: string) =>
    (
      await h.ds.query(
        `SELECT status, throttled_until, consecutive_failures, last_error_code, last_synced_at FROM sources WHERE id = $1`,
        [id],
      )
    )[0];

  it('ingests a successful fetch, saves its cursor and marks the source healthy', async () => {
    const id = await h.createSource('scripted_pull');
    pull.script = [{ items: [comment({ author: { externalId: 'p1' } })], cursors: { wall: { last: 7 } } }];
    expect(await sync.syncSource(id)).toMatchObject({ pages: 1, inserted: 1 });
    expect(await state(id)).toMatchObject({ status: 'healthy', last_error_code: null });
    expect((await state(id)).last_synced_at).not.toBeNull();
    const [cur] = await h.ds.query(`SELECT cursor FROM sync_cursors WHERE source_id = $1`, [id]);
    expect(cur.cursor).toEqual({ last: 7 });
  });

  it('rate_limited → throttled until now + retry-after, and no fetch while throttled', async () => {
    const id = await h.createSource('scripted_pull');
    const before = Date.now();
    pull.script = [new ConnectorError('rate_limited', 'error 6', 120_000)];
    await sync.syncSource(id);
    const s = await state(id);
    expect(s.status).toBe('throttled');
    expect(s.throttled_until.getTime()).toBeGreaterThanOrEqual(before + 119_000);
    pull.seen = [];
    expect(await sync.syncSource(id)).toMatchObject({ pages: 0 });
    expect(pull.seen).toHaveLength(0);
    expect(await sync.tick()).not.toContain(id);
  });

  it('temporary → degraded after three failures in a row, healthy again on success', async () => {
    const id = await h.createSource('scripted_pull');
    const statuses: string[] = [];
    for (let i = 0; i < 3; i++) {
      pull.script = [new ConnectorError('temporary', '502 Bad Gateway')];
      await sync.syncSource(id);
      statuses.push((await state(id)).status);
    }
    expect(statuses).toEqual(['healthy', 'healthy', 'degraded']);
    await sync.syncSource(id);
    expect(await state(id)).toMatchObject({ status: 'healthy', consecutive_failures: 0 });
  });

  it.each(['auth_revoked', 'configuration'] as const)(
    '%s → needs_attention and polling stops',
    async (code) => {
      const id = await h.createSource('scripted_pull');
      pull.script = [new ConnectorError(code, 'token revoked')];
      await sync.syncSource(id);
      expect(await state(id)).toMatchObject({ status: 'needs_attention', last_error_code: code });
      expect(await sync.tick()).not.toContain(id);
    },
  );

  it('needs_attention waits for a person: a late background success leaves it, a verify clears it', async () => {
    const id = await h.createSource('scripted_pull');
    pull.script = [new ConnectorError('auth_revoked', 'token revoked')];
    await sync.syncSource(id);
    // a sync or receiver that read successfully before the token was revoked reports afterwards
    await sources.recordSuccess(id);
    expect(await state(id)).toMatchObject({ status: 'needs_attention', last_error_code: 'auth_revoked' });
    await sources.verify(id);
    expect(await state(id)).toMatchObject({ status: 'healthy', last_error_code: null });
  });

  it('bad_cursor → the next fetch reconciles from a safe watermark', async () => {
    const id = await h.createSource('scripted_pull');
    await sync.syncSource(id); // a good sync sets last_synced_at
    pull.script = [new ConnectorError('bad_cursor', 'failed:1')];
    expect((await sync.syncSource(id)).error).toBe('bad_cursor');
    expect(await state(id)).toMatchObject({ status: 'healthy', last_error_code: 'bad_cursor' });
    pull.seen = [];
    await sync.syncSource(id, { reconcile: true });
    expect(pull.seen[0].cursors.__reconcile).toEqual({ since: expect.any(String) });
  });

  it('runs a push receiver in exactly one instance (advisory lock), the other takes over after stop', async () => {
    const id = await h.createSource('counting_push');
    const a = new CountingPush('a');
    const b = new CountingPush('b');
    const make = (c: CountingPush) => {
      const reg = new ConnectorRegistry([c]);
      return new PushReceivers(
        new SourcesService(new SourcesRepository(h.ds), reg, box, new ApiUrlPolicy(true)),
        reg,
        h.ingest,
        h.db.url,
      );
    };
    const ra = make(a);
    const rb = make(b);
    try {
      await ra.scan();
      await rb.scan();
      await ra.scan();
      await rb.scan();
      expect(a.starts).toEqual(['a']);
      expect(b.starts).toEqual([]);
      expect(ra.runningSources()).toEqual([id]);
      expect(rb.runningSources()).toEqual([]);
      // emit stored the batch durably, with its cursor
      const [cur] = await h.ds.query(
        `SELECT cursor FROM sync_cursors WHERE source_id = $1 AND stream = 'lp'`,
        [id],
      );
      expect(cur.cursor).toEqual({ by: 'a' });
      await ra.stopAll();
      await rb.scan();
      expect(b.starts).toEqual(['b']);
      expect(rb.runningSources()).toEqual([id]);
    } finally {
      await ra.stopAll();
      await rb.stopAll();
    }
  });
});
