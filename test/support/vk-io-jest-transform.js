/**
 * Jest runs CommonJS in a VM without dynamic import() (unless --experimental-vm-modules), and
 * vk-io loads node-fetch@3 (ESM-only) with `import('node-fetch')`. Under Jest only, that one
 * import becomes a require of node-fetch@2 (CommonJS; the API vk-io uses is the same: agent,
 * signal, compress, URLSearchParams bodies, json()). Production code runs vk-io untouched.
 */
const path = require('node:path');

const nodeFetchV2 = require.resolve('node-fetch', { paths: [path.dirname(require.resolve('telegraf'))] });

module.exports = {
  process(source) {
    return {
      code: source.replace(
        "import('node-fetch')",
        `Promise.resolve(require(${JSON.stringify(nodeFetchV2)}))`,
      ),
    };
  },
};
