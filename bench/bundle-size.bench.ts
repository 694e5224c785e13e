/**
 * Bundle budget: the JavaScript a browser loads for the inbox (the entry chunk and everything it
 * imports statically) must stay ≤ 250 kB gzipped; the admin screens (and future charts) are
 * lazy chunks, loaded only when opened. Builds web/dist first (`--no-build` to measure as is),
 * reads Vite's manifest, gzips each file (level 9) and prints the sizes.
 *
 *   npm run bench:bundle [-- --json] [-- --no-build]
 *
 * Exits 1 over budget.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const INBOX_BUDGET_BYTES = 250 * 1024;

interface Chunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export interface BundleReport {
  inboxJsGzip: number;
  inboxJsRaw: number;
  inboxFiles: string[];
  cssGzip: number;
  lazy: { file: string; gzip: number }[];
  budget: number;
}

export function measureBundle(dist: string): BundleReport {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    Chunk
  >;
  const entry = Object.entries(manifest).find(([, c]) => c.isEntry);
  if (!entry) throw new Error('no entry chunk in the Vite manifest');
  const inbox = new Set<string>();
  const css = new Set<string>();
  const walk = (key: string) => {
    const c = manifest[key];
    if (!c || inbox.has(c.file)) return;
    inbox.add(c.file);
    for (const f of c.css ?? []) css.add(f);
    for (const i of c.imports ?? []) walk(i);
  };
  walk(entry[0]);
  const gz = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  const raw = (file: string) => readFileSync(join(dist, file)).length;
  const files = [...inbox];
  const lazy = Object.values(manifest)
    .filter((c) => c.isDynamicEntry && !inbox.has(c.file))
    .map((c) => ({ file: c.file, gzip: gz(c.file) }));
  return {
    inboxJsGzip: files.reduce((s, f) => s + gz(f), 0),
    inboxJsRaw: files.reduce((s, f) => s + raw(f), 0),
    inboxFiles: files,
    cssGzip: [...css].reduce((s, f) => s + gz(f), 0),
    lazy,
    budget: INBOX_BUDGET_BYTES,
  };
}

function main() {
  const root = join(__dirname, '..');
  if (!process.argv.includes('--no-build'))
    execFileSync('npm', ['run', '-s', 'build:web'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const r = measureBundle(join(root, 'web', 'dist'));
  const kb = (b: number) => `${(b / 1024).toFixed(1)} kB`;
  if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(r) + '\n');
  else {
    console.log(
      `inbox route JavaScript: ${kb(r.inboxJsGzip)} gzipped (${kb(r.inboxJsRaw)} raw, ${r.inboxFiles.length} file(s)); ` +
        `budget ${kb(r.budget)} ${r.inboxJsGzip <= r.budget ? '✔' : '✘'}; stylesheet ${kb(r.cssGzip)} gzipped`,
    );
    for (const l of r.lazy) console.log(`  lazy chunk ${l.file}: ${kb(l.gzip)} gzipped (loaded when opened)`);
  }
  if (r.inboxJsGzip > r.budget) process.exit(1);
}

if (require.main === module) main();
