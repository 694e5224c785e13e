/**
 * `node -r ./test/support/ts-cache.js src/main.ts`: what `ts-node --transpile-only` does
 * (ts.transpileModule with the repository's tsconfig; isolatedModules makes that exact), with the
 * output cached on disk by content. Whatever starts Otklik (or a CLI) from source as a child process
 * loads it: the integration tests' spawned apps (child-app.ts, shutdown, config), the API-types
 * check, and the chaos run (`npm run chaos`), which restarts Otklik dozens of times; transpiling all
 * of src again each time would cost seconds of CPU per start on a small machine. Inline source maps
 * keep stack traces on the TypeScript lines.
 */
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const cacheDir = process.env.OTKLIK_TS_CACHE ?? path.join(root, '.data', 'ts-cache');
fs.mkdirSync(cacheDir, { recursive: true });
const configFile = path.join(root, 'tsconfig.json');
// What the output depends on besides the source; TypeScript itself is loaded only on a miss.
const salt = [
  'v1',
  fs.readFileSync(configFile, 'utf8'),
  JSON.parse(fs.readFileSync(require.resolve('typescript/package.json'), 'utf8')).version,
].join('\0');

let transpile;
function transpiler() {
  if (transpile) return transpile;
  const ts = require('typescript');
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const compilerOptions = {
    ...options,
    module: ts.ModuleKind.CommonJS,
    sourceMap: false,
    inlineSourceMap: true,
    declaration: false,
    incremental: false,
    composite: false,
    tsBuildInfoFile: undefined,
    outDir: undefined,
  };
  transpile = (source, fileName) => ts.transpileModule(source, { compilerOptions, fileName }).outputText;
  return transpile;
}

process.setSourceMapsEnabled(true);

require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const key = createHash('sha1').update(salt).update(filename).update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  let code;
  try {
    code = fs.readFileSync(cached, 'utf8');
  } catch {
    code = transpiler()(source, filename);
    // Written whole or not at all: processes starting together share the cache.
    const tmp = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, cached);
  }
  module._compile(code, filename);
};
