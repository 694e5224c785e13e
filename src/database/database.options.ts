import * as path from 'node:path';
import { DataSourceOptions } from 'typeorm';

/** Feature modules own their entities (`*.entity.ts` beside the code); migrations live at the top level. */
export function databaseOptions(url: string, poolSize = 10): DataSourceOptions {
  const ext = __filename.endsWith('.ts') ? 'ts' : 'js';
  return {
    type: 'postgres',
    url,
    // gen_random_uuid() comes from pgcrypto (see the first migration); don't create uuid-ossp.
    uuidExtension: 'pgcrypto',
    entities: [path.join(__dirname, '..', '**', `*.entity.${ext}`)],
    migrations: [path.join(__dirname, '..', '..', 'migrations', `*.${ext}`)],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: poolSize, application_name: 'otklik' },
  };
}
