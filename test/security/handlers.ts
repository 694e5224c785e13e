import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';

type DtoClass = new (...args: any[]) => object;

/** One controller handler and what it takes: the DTO classes behind @Body and @Query. */
export interface HandlerInfo {
  method: string;
  path: string; // e.g. /api/conversations/:id
  handler: string; // Controller.method
  body?: DtoClass; // the @Body() DTO class, when there is one
  query?: DtoClass; // the @Query() DTO class
  takesParams: boolean;
}

/** Every Nest controller handler with its @Body / @Query DTO classes (read as the router does). */
export function controllerHandlers(app: INestApplication): HandlerInfo[] {
  const out: HandlerInfo[] = [];
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const cls = wrapper.metatype as any;
      if (!cls?.prototype) continue;
      const bases = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, cls) ?? '');
      for (const name of Object.getOwnPropertyNames(cls.prototype)) {
        const fn = cls.prototype[name];
        if (name === 'constructor' || typeof fn !== 'function') continue;
        const paths = Reflect.getMetadata(PATH_METADATA, fn);
        if (paths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as number];
        const args: Record<string, { index: number }> =
          Reflect.getMetadata(ROUTE_ARGS_METADATA, cls, name) ?? {};
        const types: DtoClass[] = Reflect.getMetadata('design:paramtypes', cls.prototype, name) ?? [];
        const dtoOf = (kind: RouteParamtypes) => {
          const entry = Object.entries(args).find(([k]) => Number(k.split(':')[0]) === kind);
          const t = entry ? types[entry[1].index] : undefined;
          return t && t !== Object && t !== String && t !== Array ? t : undefined;
        };
        for (const base of bases)
          for (const p of ([] as string[]).concat(paths)) {
            const path = ('/' + `${base}/${p}`).replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
            out.push({
              method,
              path,
              handler: `${cls.name}.${name}`,
              body: dtoOf(RouteParamtypes.BODY),
              query: dtoOf(RouteParamtypes.QUERY),
              takesParams: /:\w/.test(path),
            });
          }
      }
    }
  }
  return out;
}

/** The property names class-validator knows for a DTO (its own and inherited). */
export function dtoProperties(dto: DtoClass): string[] {
  const metas = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  return [...new Set(metas.map((m) => m.propertyName))];
}
