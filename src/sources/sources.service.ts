import {
  BadRequestException,
  Injectable,
  Logger,
  NotFoundException,
  Optional,
  UnprocessableEntityException,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { type Connector, ConnectorError, type SourceContext } from '../connectors/connector';
import { ConnectorRegistry } from '../connectors/registry';
import { SecretBox } from '../security/secret-box';
import { ApiUrlPolicy, endpointProblem, movedEndpoints } from './api-endpoints';
import { publicReason } from './public-reason';
import { afterError, afterSuccess, type HealthChange } from './source-health';
import type { SourceEntity } from './source.entity';
import type { CreateSourceDto, SourceView, UpdateSourceDto } from './sources.dto';
import { SourcesRepository } from './sources.repository';

/**
 * Connected accounts: created only after the connector accepts the credentials, which are then
 * sealed with SecretBox (bound to the source id) and never leave the server again.
 */
@Injectable()
export class SourcesService {
  private readonly logger = new Logger(SourcesService.name);

  constructor(
    private readonly repo: SourcesRepository,
    private readonly registry: ConnectorRegistry,
    private readonly box: SecretBox,
    private readonly urls: ApiUrlPolicy,
    // optional only so benches and tests can build the service by hand; Nest always injects it
    @Optional() private readonly audit?: AuditService,
  ) {}

  async list(): Promise<SourceView[]> {
    return (await this.repo.list()).map((s) => this.view(s));
  }

  async get(id: string): Promise<SourceView> {
    return this.view(await this.mustFind(id));
  }

  /** The view, with the remaining API quota for platforms that have one. */
  private view(s: SourceEntity): SourceView {
    const v = view(s);
    const connector = this.registry.find(s.platform);
    if (!connector?.quotaView) return v;
    try {
      const usage = s.quotaDay ? { day: String(s.quotaDay), used: s.quotaUsed } : null;
      return { ...v, quota: connector.quotaView(s.settings ?? {}, usage, new Date()) };
    } catch {
      return v; // settings the connector refuses: the health already says so
    }
  }

  async create(
    dto: CreateSourceDto,
    actorId: string | null = null,
  ): Promise<SourceView & { accountName: string }> {
    const connector = this.registry.find(dto.platform);
    if (!connector) {
      throw new BadRequestException(
        `unknown platform "${dto.platform}"; known: ${this.registry.platforms().join(', ')}`,
      );
    }
    const id = randomUUID();
    const settings = dto.settings ?? {};
    const credentials = dto.credentials ?? {};
    this.checkEndpoints(connector.apiEndpoints, settings);
    const { accountName } = await this.verifyOr422(dto.platform, () =>
      connector.verify({ id, platform: dto.platform, settings, credentials, cursors: {} }),
    );
    await this.repo.insert({
      id,
      platform: dto.platform,
      name: dto.name,
      settings,
      credentialsEncrypted: this.box.encryptJson(credentials, id),
      status: 'healthy',
    });
    await this.audit?.record(actorId, 'source.created', 'source', id, {
      platform: dto.platform,
      name: dto.name,
      credentialFields: Object.keys(credentials).sort(),
    });
    await this.changed(id);
    this.logger.log(`source ${id} (${dto.platform}) connected as ${accountName}`);
    return { ...(await this.get(id)), accountName };
  }

  async update(id: string, dto: UpdateSourceDto, actorId: string | null = null): Promise<SourceView> {
    const current = await this.mustFind(id);
    const patch: Partial<SourceEntity> = {};
    if (dto.name !== undefined) patch.name = dto.name;
    if (dto.settings !== undefined || dto.credentials !== undefined) {
      const connector = this.registry.get(current.platform);
      if (dto.settings !== undefined) {
        this.checkEndpoints(connector.apiEndpoints, dto.settings);
        // The stored token goes only where it went when it was entered: a new address needs it again.
        const moved = movedEndpoints(connector.apiEndpoints, current.settings ?? {}, dto.settings);
        if (moved.length > 0 && dto.credentials === undefined) {
          throw new BadRequestException(
            `changing settings.${moved.join(', settings.')} changes where this source's credentials are ` +
              'sent: enter the credentials again in the same request',
          );
        }
      }
      // new settings or credentials must work before they replace working ones
      const ctx = await this.context(id);
      const settings = dto.settings ?? ctx.settings;
      const credentials = dto.credentials ?? ctx.credentials;
      await this.verifyOr422(current.platform, () => connector.verify({ ...ctx, settings, credentials }));
      patch.settings = settings;
      if (dto.credentials !== undefined) patch.credentialsEncrypted = this.box.encryptJson(credentials, id);
      Object.assign(patch, healthyPatch());
    }
    if (dto.enabled !== undefined && dto.enabled !== current.enabled) {
      patch.enabled = dto.enabled;
      Object.assign(
        patch,
        dto.enabled ? healthyPatch() : { status: 'disabled', statusChangedAt: new Date() },
      );
    }
    if (Object.keys(patch).length > 0) {
      await this.repo.update(id, patch);
      // which credential fields were set, never their values
      await this.audit?.record(actorId, 'source.updated', 'source', id, {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
        settingsChanged: dto.settings !== undefined,
        credentialsChanged: dto.credentials !== undefined,
        ...(dto.credentials ? { credentialFields: Object.keys(dto.credentials).sort() } : {}),
      });
      await this.changed(id);
    }
    return this.get(id);
  }

  /** Re-checks the stored credentials; the outcome is written onto the source's state. */
  async verify(id: string): Promise<{ ok: true; accountName: string }> {
    const ctx = await this.context(id);
    try {
      const { accountName } = await this.registry.get(ctx.platform).verify(ctx);
      await this.recordSuccess(id, false, true);
      await this.changed(id);
      return { ok: true, accountName };
    } catch (err) {
      if (err instanceof ConnectorError) {
        await this.recordError(id, err);
        await this.changed(id);
      }
      return this.verifyOr422(ctx.platform, () => Promise.reject(err));
    }
  }

  /** What a connector gets: decrypted credentials, settings and stored cursors. */
  async context(id: string): Promise<SourceContext> {
    const row = await this.repo.findWithCredentials(id);
    if (!row) throw new NotFoundException(`source ${id} does not exist`);
    const credentials = row.credentialsEncrypted
      ? this.box.decryptJson<Record<string, any>>(row.credentialsEncrypted, id)
      : {};
    return {
      id,
      platform: row.platform,
      settings: row.settings ?? {},
      credentials,
      cursors: await this.repo.cursors(id),
      quota: {
        read: () => this.repo.quota(id),
        spend: (day, units) => this.repo.spendQuota(id, day, units),
      },
    };
  }

  async find(id: string): Promise<SourceEntity | null> {
    return this.repo.findById(id);
  }

  listEnabled(): Promise<SourceEntity[]> {
    return this.repo.listEnabled();
  }

  /**
   * A successful read: healthy again — except that needs_attention (a revoked token, a wrong
   * setting) waits for a person: a verify or new credentials (`byPerson`). A background read that
   * succeeds anyway (another token, a long-poll key, a sync that started before the token was
   * revoked and ended after the failure was recorded) must not hide it.
   */
  async recordSuccess(id: string, synced = true, byPerson = false): Promise<void> {
    const s = await this.mustFind(id);
    await this.repo.applyHealth(id, afterSuccess(s), synced, !byPerson);
  }

  /**
   * Maps a connector error onto the source's state (see source-health.ts). The stored reason is
   * the sanitised one: statusReason is shown in the admin UI and kept in the database.
   */
  async recordError(id: string, err: ConnectorError): Promise<HealthChange | undefined> {
    const s = await this.mustFind(id);
    const shown = new ConnectorError(
      err.code,
      publicReason(err, this.platformName(s.platform)),
      err.retryAfterMs,
    );
    const change = afterError(s, shown, new Date());
    if (change) {
      await this.repo.applyHealth(id, change, false);
      if (change.status !== s.status)
        this.logger.warn(`source ${id}: ${s.status} -> ${change.status} (${err.code})`);
    }
    return change;
  }

  /**
   * NOTIFY after the write committed (no transaction is open here), so listening workers rescan
   * and a new or re-enabled source starts receiving at once. Best effort: the periodic scan
   * catches up if the notification is lost.
   */
  private async changed(id: string): Promise<void> {
    await this.repo
      .notifyChanged(id)
      .catch((err) =>
        this.logger.warn(`could not notify receivers of source ${id}: ${(err as Error).message}`),
      );
  }

  private platformName(platform: string): string {
    return this.registry.find(platform)?.displayName ?? platform;
  }

  /** API addresses outside the platform's hosts are a 400 unless custom URLs are allowed. */
  private checkEndpoints(endpoints: Connector['apiEndpoints'], settings: Record<string, unknown>): void {
    const problem = endpointProblem(endpoints, settings, this.urls);
    if (problem) throw new BadRequestException(problem);
  }

  /**
   * A connector's refusal is the admin's input being wrong: 422 with the connector's code and a
   * sanitised reason; the remote side's own words go to the log only.
   */
  private async verifyOr422<T>(platform: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof ConnectorError) {
        if (err.cause !== undefined) this.logger.warn(`source check failed: ${err.code}: ${err.message}`);
        throw new UnprocessableEntityException({
          statusCode: 422,
          error: 'Unprocessable Entity',
          code: err.code,
          message: publicReason(err, this.platformName(platform)),
        });
      }
      throw err;
    }
  }

  private async mustFind(id: string): Promise<SourceEntity> {
    const s = await this.repo.findById(id);
    if (!s) throw new NotFoundException(`source ${id} does not exist`);
    return s;
  }
}

function healthyPatch(): Partial<SourceEntity> {
  return {
    status: 'healthy',
    statusReason: null,
    throttledUntil: null,
    consecutiveFailures: 0,
    lastErrorCode: null,
    statusChangedAt: new Date(),
  };
}

export function view(s: SourceEntity): SourceView {
  return {
    id: s.id,
    platform: s.platform,
    name: s.name,
    settings: s.settings,
    enabled: s.enabled,
    status: s.status,
    statusReason: s.statusReason,
    statusChangedAt: s.statusChangedAt,
    throttledUntil: s.throttledUntil,
    lastErrorCode: s.lastErrorCode,
    lastSyncedAt: s.lastSyncedAt,
    consecutiveFailures: s.consecutiveFailures,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}
