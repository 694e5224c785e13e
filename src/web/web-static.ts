import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * The web app is static files with no data in them (web/dist, built by `npm run build`), so they
 * are served without a session. `/assets/*` are the built, content-hashed files; every other GET
 * a browser navigates to (Accept: text/html) gets the app's shell, so client routes such as
 * /inbox/<id> or /admin/sources survive a reload. /api, /health and /metrics are never answered
 * here: they go on to Nest's router untouched and keep their own guards.
 */
export const WEB_ASSETS_PREFIX = '/assets/';
const SERVER_PATHS = /^\/(api|health|metrics)(\/|$)/;

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

/** web/dist sits under the repository root: two levels above src/web, three above dist/src/web. */
export function findWebRoot(from: string = __dirname): string | undefined {
  let dir = resolve(from);
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'web', 'dist');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/** A page a browser navigates to, as opposed to a file, an API call or a probe. */
export function isAppRoute(path: string, accept: string | undefined): boolean {
  if (SERVER_PATHS.test(path) || path.startsWith(WEB_ASSETS_PREFIX)) return false;
  if (/\.[A-Za-z0-9]+$/.test(path) && path !== '/index.html') return false; // a file name
  return path === '/' || path === '/index.html' || (accept ?? '').includes('text/html');
}

export function webStaticMiddleware(root: string): RequestHandler {
  const common = (res: Response) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
  };
  const assets = express.static(join(root, 'assets'), {
    index: false,
    redirect: false,
    dotfiles: 'ignore',
    fallthrough: true,
    // names carry a content hash: a changed file is a new name
    setHeaders: (res) => {
      common(res);
      res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  const shell = express.static(root, {
    index: false,
    redirect: false,
    dotfiles: 'ignore',
    fallthrough: true,
    setHeaders: (res) => {
      common(res);
      // revalidate (ETag, 304): after a deploy the page asks for the new asset names at once
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('Content-Security-Policy', WEB_CSP);
      res.setHeader('X-Frame-Options', 'DENY');
    },
  });

  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // Nest may mount this under a path pattern that trims req.url; decide on the original URL.
    const original = req.originalUrl ?? req.url;
    const [path, query] = splitQuery(original);
    let serve: RequestHandler;
    let url: string;
    if (path.startsWith(WEB_ASSETS_PREFIX)) {
      serve = assets;
      url = path.slice(WEB_ASSETS_PREFIX.length - 1) + query;
    } else if (isAppRoute(path, req.get('accept'))) {
      serve = shell;
      url = '/index.html' + query;
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
