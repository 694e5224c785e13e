import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { databaseOptions } from './database.options';

/** Used by the TypeORM CLI (`npm run migration:generate|run|revert`); needs DATABASE_URL. */
const config = loadConfig();
if (!config.DATABASE_URL) {
  throw new Error(
    'Set DATABASE_URL to run the TypeORM CLI (the app itself starts an embedded server when unset)',
  );
}
export default new DataSource(databaseOptions(config.DATABASE_URL, 2));
