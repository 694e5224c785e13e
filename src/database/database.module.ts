import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseOptions } from './database.options';

export const DATABASE_URL = Symbol('DATABASE_URL');

/** TypeORM on `pg`. Pending migrations run on start; the schema never synchronises. */
@Module({})
export class DatabaseModule {
  static forRoot(url: string, poolSize: number) {
    return {
      module: DatabaseModule,
      global: true,
      imports: [TypeOrmModule.forRoot({ ...databaseOptions(url, poolSize), migrationsRun: true })],
      providers: [{ provide: DATABASE_URL, useValue: url }],
      exports: [DATABASE_URL],
    };
  }
}
