import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { NormalizedItem } from '../../src/connectors/connector';
import { databaseOptions } from '../../src/database/database.options';
import { ConversationsRepository } from '../../src/conversations/conversations.repository';
import { IngestRepository } from '../../src/ingest/ingest.repository';
import { IngestService } from '../../src/ingest/ingest.service';
import { SlaPolicyRepository } from '../../src/sla/sla-policy.repository';
import { SlaPolicyService } from '../../src/sla/sla-policy.service';
import { ItemAnalysis, NeutralItemAnalysis } from '../../src/ingest/item-analysis';
import { createTestDatabase, TestDatabase } from '../support/database';

export interface IngestHarness {
  db: TestDatabase;
  ds: DataSource;
  ingest: IngestService;
  createSource(platform?: string, settings?: object): Promise<string>;
  stop(): Promise<void>;
}

/** The real IngestService with its collaborators, built by hand as Nest would inject them. */
export function ingestService(ds: DataSource, analysis: ItemAnalysis): IngestService {
  const conversations = new ConversationsRepository();
  const policies = new SlaPolicyService(new SlaPolicyRepository(ds), conversations);
  return new IngestService(ds, analysis, policies, new IngestRepository(), conversations);
}

/** A migrated database, a TypeORM data source on it and the real IngestService. */
export async function openIngestHarness(
  analysis: ItemAnalysis = new NeutralItemAnalysis(),
): Promise<IngestHarness> {
  const db = await createTestDatabase();
  const ds = new DataSource(databaseOptions(db.url, 4));
  await ds.initialize();
  return {
    db,
    ds,
    ingest: ingestService(ds, analysis),
    async createSource(platform = 'vk', settings = {}) {
      const id = randomUUID();
      await ds.query(`INSERT INTO sources (id, platform, name, settings) VALUES ($1, $2, $3, $4)`, [
        id,
        platform,
        `${platform} test`,
        settings,
      ]);
      return id;
    },
    async stop() {
      await ds.destroy();
      await db.drop();
    },
  };
}

let seq = 0;
/** A VK-like wall comment by `author` under post `post`. */
export function comment(
  over: Partial<NormalizedItem> & { author?: NormalizedItem['author'] } = {},
): NormalizedItem {
  seq++;
  return {
    externalId: `wall:-42_3_${seq}`,
    kind: 'comment',
    parentExternalId: 'wall:-42_3',
    threadExternalId: 'wall:-42_3',
    author: { externalId: '5', name: 'Иван П.' },
    text: `comment ${seq}`,
    createdAt: new Date('2024-11-01T10:00:00Z'),
    ...over,
  };
}

export function dm(peer: string, over: Partial<NormalizedItem> = {}): NormalizedItem {
  seq++;
  return {
    externalId: `dm:${peer}:${seq}`,
    kind: 'message',
    threadExternalId: `dm:${peer}`,
    author: { externalId: peer, name: `peer ${peer}` },
    text: `message ${seq}`,
    createdAt: new Date('2024-11-01T10:00:00Z'),
    ...over,
  };
}
