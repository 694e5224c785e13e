import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseOptions } from './database.options';

export const DATABASE_URL = Symbol('DATABASE_URL');

/** TypeORM on `pg`. The schema never synchronises; bootstrap runs pending migrations first (migrate.ts). */
@Module({})
export class DatabaseModule {
  static forRoot(url: string, poolSize: number) {
    return {
      module: DatabaseModule,
      global: true,
      imports: [TypeOrmModule.forRoot(databaseOptions(url, poolSize))],
      providers: [{ provide: DATABASE_URL, useValue: url }],
      exports: [DATABASE_URL],
    };
  }
}
