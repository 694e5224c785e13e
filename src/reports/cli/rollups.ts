/**
 * `npm run reports:rebuild` — rebuilds every report rollup from the source tables (items,
 * conversations, SLA cycles, tags), in one snapshot, without stopping ingest; running it twice
 * gives the same rows. `npm run reports:check [-- --json] [--no-terms]` — compares every rollup
 * with a full recount and exits 1 on any difference.
 *
 * Uses DATABASE_URL, else the embedded PostgreSQL in DATA_DIR (as `npm start` does); runs
 * pending migrations first.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/config';
import { databaseOptions } from '../../database/database.options';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../../database/embedded-postgres';
import { runMigrations } from '../../database/migrate';
import { CompanySettingsRepository } from '../company-settings.repository';
import { RollupMaintenance } from '../rollups/rollup-maintenance.service';
import { TermsRepository } from '../rollups/terms.repository';
import { TermsWorker } from '../rollups/terms-worker.service';

async function main() {
  const command = process.argv[2];
  if (command !== 'rebuild' && command !== 'check') {
    console.error('usage: rollups.ts rebuild | check [--json] [--no-terms]');
    process.exit(2);
  }
  const json = process.argv.includes('--json');
  Logger.overrideLogger(json ? false : ['log', 'error', 'warn']);
  const config = loadConfig();
  let embedded: EmbeddedDatabase | undefined;
  const url = config.DATABASE_URL ?? (embedded = await startEmbeddedPostgres(config.DATA_DIR)).url;
  const ds = new DataSource(databaseOptions(url, 3));
  try {
    await runMigrations(url);
    await ds.initialize();
    const settings = new CompanySettingsRepository(ds);
    const maintenance = new RollupMaintenance(
      ds,
      new TermsWorker(ds, new TermsRepository(ds), settings),
      settings,
    );
    const started = Date.now();
    if (command === 'rebuild') {
      await maintenance.rebuild();
      const seconds = (Date.now() - started) / 1000;
      if (json) process.stdout.write(JSON.stringify({ rebuilt: true, seconds }) + '\n');
      else console.log(`rollups rebuilt in ${seconds.toFixed(1)} s`);
      return;
    }
    const result = await maintenance.check({ terms: !process.argv.includes('--no-terms') });
    const seconds = (Date.now() - started) / 1000;
    if (json) process.stdout.write(JSON.stringify({ ...result, seconds }) + '\n');
    else {
      for (const r of result.rollups)
        console.log(
          `${r.rollup.padEnd(20)} ${r.rows >= 0 ? `${r.rows} rows`.padEnd(14) : ''.padEnd(14)} ${r.differences === 0 ? 'equal to a full recount' : `${r.differences} differences`}`,
        );
      for (const d of result.differences) console.log(`${d.rollup}: ${JSON.stringify(d.examples)}`);
      console.log(result.ok ? `rollups check: OK (${seconds.toFixed(1)} s)` : 'rollups check: DIFFERENCES');
    }
    if (!result.ok) process.exitCode = 1;
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await embedded?.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
