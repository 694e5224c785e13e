import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The structure rules of docs/architecture.md, checked on the source (issue 10): the Nest module
 * graph has no cycle, conversations are written only in src/conversations/, and platforms are
 * reached only through the connector registry.
 */
const SRC = __dirname;

function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts') ? [p] : [];
  });
}

const files = sourceFiles();
const text = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
const rel = (f: string) => relative(SRC, f);

/** Relative imports of a file, resolved to paths under src/ (without extension). */
function importsOf(file: string): string[] {
  const out: string[] = [];
  for (const m of text.get(file)!.matchAll(/from '(\.[^']+)'/g)) out.push(resolve(dirname(file), m[1]));
  return out;
}

/** Each @Module class in src and the module classes its `imports` name. */
function moduleGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of files.filter((x) => x.endsWith('.module.ts'))) {
    const src = text.get(f)!;
    const name = /export class (\w+Module)\b/.exec(src)?.[1];
    if (!name) continue;
    const deps = new Set<string>();
    for (const block of src.matchAll(/imports:\s*\[([\s\S]*?)\]/g))
      for (const m of block[1].matchAll(/\b([A-Z]\w*Module)\b/g)) if (m[1] !== name) deps.add(m[1]);
    graph.set(name, [...deps]);
  }
  return graph;
}

function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (n: string) => {
    if (state.get(n) === 'done') return;
    if (state.get(n) === 'open') {
      found.push([...path.slice(path.indexOf(n)), n]);
      return;
    }
    state.set(n, 'open');
    path.push(n);
    for (const d of graph.get(n) ?? []) if (graph.has(d)) visit(d);
    path.pop();
    state.set(n, 'done');
  };
  for (const n of graph.keys()) visit(n);
  return found;
}

describe('the structure of src/', () => {
  it('has Nest modules that import each other one way only (no cycle, two-way or longer)', () => {
    const graph = moduleGraph();
    expect(graph.size).toBeGreaterThan(15); // the parser still finds the modules
    expect(graph.get('IngestModule')).toEqual(expect.arrayContaining(['ConversationsModule', 'SlaModule']));
    expect(cycles(graph)).toEqual([]);
    // the check itself sees a two-way import
    expect(
      cycles(
        new Map([
          ['AModule', ['BModule']],
          ['BModule', ['AModule']],
        ]),
      ),
    ).toEqual([['AModule', 'BModule', 'AModule']]);
  });

  it('writes conversations only in src/conversations/ (ingest’s new rows go through its COPY there)', () => {
    const writers = files.filter((f) =>
      /(UPDATE|INSERT INTO|DELETE FROM)\s+conversations\b|copyBinary\([^)]*'conversations'/.test(
        text.get(f)!,
      ),
    );
    expect(writers.map(rel)).toEqual(['conversations/conversations.repository.ts']);
  });

  it('reaches a platform only through the connector registry: no file outside src/connectors/ imports a platform folder', () => {
    const platformDirs = readdirSync(join(SRC, 'connectors')).filter((d) =>
      statSync(join(SRC, 'connectors', d)).isDirectory(),
    );
    expect(platformDirs).toEqual(expect.arrayContaining(['vk', 'telegram', 'webhook']));
    const offenders = files
      .filter((f) => !rel(f).startsWith('connectors/'))
      .flatMap((f) =>
        importsOf(f)
          .map((p) => relative(SRC, p))
          .filter((p) =>
            platformDirs.some((d) => p === `connectors/${d}` || p.startsWith(`connectors/${d}/`)),
          )
          .map((p) => `${rel(f)} -> ${p}`),
      );
    expect(offenders).toEqual([]);
  });
});
