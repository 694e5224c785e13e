import { Client } from 'pg';
import { runMigrations } from '../../src/database/migrate';
import { createEmptyDatabase, TestDatabase } from '../support/database';

describe('migrations on start', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createEmptyDatabase();
  });
  afterAll(() => db.drop());

  it('three instances starting at once migrate exactly once', async () => {
    const results = await Promise.all([runMigrations(db.url), runMigrations(db.url), runMigrations(db.url)]);
    const ranSomewhere = results.flat();
    expect(ranSomewhere.length).toBeGreaterThan(0);
    expect(new Set(ranSomewhere).size).toBe(ranSomewhere.length); // no migration ran twice
    const c = new Client({ connectionString: db.url });
    await c.connect();
    const { rows } = await c.query('SELECT count(*)::int AS n FROM migrations');
    await c.end();
    expect(rows[0].n).toBe(ranSomewhere.length);
  });
});
