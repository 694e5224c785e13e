import { randomUUID } from 'node:crypto';
import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from '../../src/auth/auth.decorators';
import type { Access } from '../../src/auth/access';

export interface RegisteredRoute {
  method: string; // GET, POST, ... (ALL for app.all)
  path: string; // as Express registered it, e.g. /api/users/:id
  key: string; // "METHOD path"
}

export interface NestRouteMeta {
  key: string;
  handler: string; // Controller.method, for failure messages
  isPublic: boolean;
  roles: Access[] | undefined; // 'lead': the lead flag (see src/auth/access.ts)
}

/** Every route on the running Express app's router (what a client can actually reach). */
const PROBED_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'ALL']);

export function registeredRoutes(app: INestApplication): RegisteredRoute[] {
  const instance = app.getHttpAdapter().getInstance();
  const router = instance.router ?? instance._router; // Express 5 / 4
  const out = new Map<string, RegisteredRoute>();
  for (const layer of router.stack as any[]) {
    if (!layer.route) continue;
    const paths: string[] = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
    for (const m of Object.keys(layer.route.methods)) {
      // Exotic verbs (app.all registers ~35, CONNECT and TRACE among them) cannot even be sent by fetch.
      const method = m === '_all' ? 'ALL' : m.toUpperCase();
      if (!PROBED_METHODS.has(method)) continue;
      for (const p of paths) {
        const path = normalize(String(p));
        out.set(`${method} ${path}`, { method, path, key: `${method} ${path}` });
      }
    }
  }
  return [...out.values()];
}

/** Public / Roles metadata of every Nest controller handler, read the way the guard reads it. */
export function nestRouteMetadata(app: INestApplication): Map<string, NestRouteMeta> {
  const reflector = new Reflector();
  const out = new Map<string, NestRouteMeta>();
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const cls = wrapper.metatype as any;
      if (!cls?.prototype) continue;
      const bases = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, cls) ?? '');
      for (const name of methodNames(cls.prototype)) {
        const handler = cls.prototype[name];
        const paths = Reflect.getMetadata(PATH_METADATA, handler);
        if (paths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const isPublic = reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [handler, cls]) === true;
        const roles = reflector.getAllAndOverride<Access[] | undefined>(ROLES_KEY, [handler, cls]);
        for (const base of bases) {
          for (const p of ([] as string[]).concat(paths)) {
            const key = `${method} ${normalize(`/${base}/${p}`)}`;
            out.set(key, { key, handler: `${cls.name}.${name}`, isPublic, roles });
          }
        }
      }
    }
  }
  return out;
}

function methodNames(proto: object): string[] {
  const names = new Set<string>();
  for (let p = proto; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const n of Object.getOwnPropertyNames(p)) if (n !== 'constructor') names.add(n);
  }
  return [...names].filter((n) => typeof (proto as any)[n] === 'function');
}

function normalize(path: string): string {
  const p = ('/' + path).replace(/\/+/g, '/');
  return p.length > 1 ? p.replace(/\/$/, '') : p;
}

/** A concrete URL for a route pattern: params become a random uuid, wildcards a plain segment. */
export function concretePath(pattern: string): string {
  return pattern
    .replace(/\{([^}]*)\}/g, '$1') // optional groups (path-to-regexp v8): keep their content
    .replace(/\*\w*/g, 'x')
    .replace(/:(\w+)\??/g, () => randomUUID());
}

/** Status only: the body is dropped, and streaming routes (SSE) time out without failing. */
export async function probe(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: any; contentType: string | null } | 'timeout'> {
  const m = method === 'ALL' ? 'GET' : method;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 3000);
  try {
    const res = await fetch(base + path, {
      method: m,
      headers: {
        ...headers,
        ...(m === 'GET' || m === 'DELETE' ? {} : { 'content-type': 'application/json' }),
      },
      body: m === 'GET' || m === 'DELETE' ? undefined : '{}',
      signal: controller.signal,
      redirect: 'manual',
    });
    let body: any;
    const contentType = res.headers.get('content-type');
    if (res.status === 401 || res.status === 403) body = await res.json().catch(() => undefined);
    else await res.body?.cancel().catch(() => undefined);
    return { status: res.status, body, contentType };
  } catch (err: any) {
    if (err?.name === 'AbortError') return 'timeout';
    throw err;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}
