import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../../src/database/database.options';
import { createTestDatabase, TestDatabase } from '../support/database';

/**
 * The migrations are the schema's source of truth; the entities must describe exactly what they
 * create, or `npm run migration:generate` fills up with noise (dropped CHECKs, renamed FKs...).
 */
describe('entities match the migrated schema', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource(databaseOptions(db.url, 2));
    await ds.initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const pendingSchemaChanges = async () =>
    (await ds.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query);

  it('has no schema changes to generate on a fully migrated database', async () => {
    expect(await ds.showMigrations()).toBe(false);
    const queries = await pendingSchemaChanges();
    if (queries.length > 0) {
      throw new Error(
        `entities drift from the migrations; the schema builder wants:\n${queries.join(';\n')}`,
      );
    }
  });

  it('notices drift (the guard is live): a dropped index and a dropped check come back', async () => {
    await ds.query(`DROP INDEX sources_platform_idx`);
    await ds.query(`ALTER TABLE users DROP CONSTRAINT users_locale_check`);
    const queries = await pendingSchemaChanges();
    expect(queries).toEqual(
      expect.arrayContaining([
        expect.stringContaining('CREATE INDEX "sources_platform_idx"'),
        expect.stringContaining('"users_locale_check"'),
      ]),
    );
  });
});
