import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The web app: `vite build` writes web/dist, which WebModule serves at `/`. No plugin: esbuild
 * compiles TSX. The page runs under a strict CSP (no inline scripts or styles): Vite emits the
 * entry as an external module and the stylesheet as a file, and src/web's tests check the built
 * index.html has no inline code.
 */
export default defineConfig(({ command }) => ({
  root,
  // a build is for browsers: React's production code, whatever NODE_ENV the shell had (Jest sets test)
  define: command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
  base: '/',
  // jsxDev only when serving: a build uses the production runtime, which has no jsxDEV
  esbuild: { jsx: 'automatic', jsxDev: command !== 'build' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: false,
    // the polyfill would be a script of its own; every browser we support has modulepreload
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 600,
    manifest: true, // bench/bundle-size.bench.ts tells the inbox's JavaScript from the lazy chunks
    rollupOptions: {
      onwarn(warning, warn) {
        // React Server Components' "use client" markers mean nothing in a browser bundle
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // `npm run dev:web` against `npm start` on :3000
    proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' },
  },
  test: {
    root,
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup.ts'],
    restoreMocks: true,
  },
}));
