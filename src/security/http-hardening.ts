import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Largest JSON body any route accepts (webhook batches included: 500 items of chat text fit).
 * Bigger bodies get 413 from the body parser, from Content-Length alone, before they are read.
 */
export const JSON_BODY_LIMIT = '1mb';

/** API answers are data, never a page: nothing may run, load or frame from them. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * Headers every answer carries (helmet's essentials, without the dependency). Set before the
 * handlers run, so a route may still override one (the web UI sends its own CSP and caching for
 * its files; the API docs keep only `frame-ancestors`, since Swagger UI runs its own scripts).
 * API answers hold customer data: `no-store` keeps them out of browser and proxy caches.
 */
export function securityHeaders(opts: { hsts: boolean }): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    if (opts.hsts) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    const path = req.path;
    const docs = path === '/api/docs' || path.startsWith('/api/docs/') || path.startsWith('/api/docs-');
    res.setHeader('Content-Security-Policy', docs ? "frame-ancestors 'none'" : API_CSP);
    if (path.startsWith('/api/') || path === '/metrics') res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
