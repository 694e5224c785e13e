import type { NextFunction, Request, Response } from 'express';
import { Metrics } from './metrics.service';

/**
 * Express middleware timing every HTTP request. The `route` label is the matched route pattern
 * (`/api/conversations/:id`), never the raw URL, so label cardinality stays bounded.
 */
export function httpMetricsMiddleware(metrics: Metrics) {
  const duration = metrics.histogram({
    name: 'otklik_http_request_duration_seconds',
    help: 'HTTP request duration by method, matched route and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  return (req: Request, res: Response, next: NextFunction) => {
    const end = duration.startTimer();
    res.once('finish', () => {
      end({ method: req.method, route: routeLabel(req), status_code: String(res.statusCode) });
    });
    next();
  };
}

function routeLabel(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof path === 'string') return `${req.baseUrl ?? ''}${path}`;
  return '<unmatched>';
}
