import type { ApiDeps } from './api-deps';
import { createApp } from './app';
import { createLogger } from '../platform/logger';

/**
 * The API's OpenAPI document without a database or Temporal: routes reach their dependencies only
 * inside handlers, and none runs here, so any use of one is a bug this reports by throwing.
 */
function unavailable(name: string): never {
  return new Proxy({} as never, {
    get(target, property) {
      // The error handler subscribes to the database's query errors; a listener that never fires is harmless.
      if (property === 'on') return () => target;
      throw new Error(`openapi export: ${name}.${String(property)} used while building the document`);
    },
  });
}

export function exportOpenApiDocument(): ReturnType<typeof createApp>['openApiDocument'] {
  const deps: ApiDeps = {
    db: unavailable('db'),
    temporal: unavailable('temporal'),
    taskQueue: 'export-openapi',
    logger: createLogger('silent'),
  };
  return createApp(deps).openApiDocument;
}
