import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/config';
import { openApiConfig } from './openapi';

/**
 * The web app's API types (web/src/api/schema.d.ts) are generated from the server's OpenAPI
 * document, so the client cannot drift from the server:
 *
 *   npm run api:types            regenerate the file
 *   npm run api:types -- --check exit 1 when the checked-in file is stale (a unit test runs it too)
 *
 * The document is built offline: Nest's preview mode resolves the modules and reads the route and
 * schema metadata without instantiating providers, so no database is needed.
 */
export const API_TYPES_FILE = join(__dirname, '../../web/src/api/schema.d.ts');

export async function offlineOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig(
    // nothing connects in preview mode; the URL only satisfies the module's signature
    { NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_URL: 'postgres://preview@127.0.0.1:9/none' },
    '/nonexistent',
  );
  const app = await NestFactory.create(AppModule.forRoot({ config, databaseUrl: config.DATABASE_URL! }), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    const doc = SwaggerModule.createDocument(app, openApiConfig());
    doc.info.version = '0'; // the package version would make every release rewrite the types
    return doc;
  } finally {
    await app.close();
  }
}

/** TypeScript declarations for the document (openapi-typescript), with a header saying how to rebuild. */
export async function apiTypesSource(doc: OpenAPIObject): Promise<string> {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const ast = await openapiTS(doc as any, { alphabetize: true, defaultNonNullable: false });
  return (
    "// Generated from the server's OpenAPI document by `npm run api:types`; do not edit.\n" +
    astToString(ast)
  );
}

async function main() {
  const check = process.argv.includes('--check');
  const source = await apiTypesSource(await offlineOpenApiDocument());
  if (check) {
    let current = '';
    try {
      current = readFileSync(API_TYPES_FILE, 'utf8');
    } catch {
      /* missing counts as stale */
    }
    if (current !== source) {
      process.stderr.write(`${API_TYPES_FILE} is stale: run \`npm run api:types\` and commit it\n`);
      process.exit(1);
    }
    process.stdout.write('API types are up to date\n');
    return;
  }
  writeFileSync(API_TYPES_FILE, source);
  process.stdout.write(`wrote ${API_TYPES_FILE}\n`);
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${err?.stack ?? err}\n`);
    process.exit(1);
  });
}
