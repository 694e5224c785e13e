import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * The inbox UI is static files with no data in them, so they are served without a session.
 * Only `/` (and `/index.html`) and `/assets/*` are answered here; every other path goes on to
 * Nest's router untouched, so /api, /health, /metrics and the docs keep their own guards.
 */
export const WEB_ASSETS_PREFIX = '/assets/';

/** The page may talk only to its own origin and run only its own scripts and styles. */
export const WEB_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** `web/` sits at the repository root: two levels above src/web, three above dist/src/web. */
export function findWebRoot(from: string = __dirname): string | undefined {
  let dir = resolve(from);
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'web');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

export function webStaticMiddleware(root: string): RequestHandler {
  const headers = (res: Response, path: string) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    // revalidate every file (ETag, 304): after a deploy the page never mixes old and new modules
    res.setHeader('Cache-Control', 'no-cache');
    if (path.endsWith('.html')) {
      res.setHeader('Content-Security-Policy', WEB_CSP);
      res.setHeader('X-Frame-Options', 'DENY');
    }
  };
  const options = {
    index: false,
    redirect: false,
    dotfiles: 'ignore',
    fallthrough: true,
    setHeaders: headers,
  } as const;
  // Rooted at web/assets, so `..` can never reach web/ itself or anything above it.
  const assets = express.static(join(root, 'assets'), options);
  const shell = express.static(root, options);

  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // Nest may mount this under a path pattern that trims req.url; decide on the original URL.
    const original = req.originalUrl ?? req.url;
    const [path, query] = splitQuery(original);
    let serve: RequestHandler;
    let url: string;
    if (path === '/' || path === '/index.html') {
      serve = shell;
      url = '/index.html' + query;
    } else if (path.startsWith(WEB_ASSETS_PREFIX)) {
      serve = assets;
      url = path.slice(WEB_ASSETS_PREFIX.length - 1) + query;
    } else {
      return next();
    }
    const savedUrl = req.url;
    req.url = url;
    serve(req, res, (err?: unknown) => {
      req.url = savedUrl;
      next(err);
    });
  };
}

function splitQuery(url: string): [string, string] {
  const i = url.indexOf('?');
  return i < 0 ? [url, ''] : [url.slice(0, i), url.slice(i)];
}
