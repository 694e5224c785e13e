import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DATABASE_URL } from './database-url';
import { databaseOptions } from './database.options';
import { PgNotifications } from './pg-notifications';

export { DATABASE_URL };

/**
 * TypeORM on `pg`. The schema never synchronises; bootstrap runs pending migrations first
 * (migrate.ts). PgNotifications: one LISTEN connection for instance-to-instance signals.
 */
@Module({})
export class DatabaseModule {
  static forRoot(url: string, poolSize: number) {
    return {
      module: DatabaseModule,
      global: true,
      imports: [TypeOrmModule.forRoot(databaseOptions(url, poolSize))],
      providers: [{ provide: DATABASE_URL, useValue: url }, PgNotifications],
      exports: [DATABASE_URL, PgNotifications],
    };
  }
}
