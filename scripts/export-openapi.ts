import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ApiDeps } from '../api/api-deps';
import { createApp } from '../api/app';
import { createLogger } from '../platform/logger';

/**
 * Writes the API's OpenAPI document without a database or Temporal: routes reach their dependencies only inside
 * handlers, and none runs here, so any use of one is a bug this script reports by throwing.
 * Usage: node dist/scripts/export-openapi.js [output path, default dist/openapi.json]
 */
function unavailable(name: string): never {
  return new Proxy({} as never, {
    get(target, property) {
      // The error handler subscribes to the database's query errors; a listener that never fires is harmless.
      if (property === 'on') return () => target;
      throw new Error(`export-openapi: ${name}.${String(property)} used while building the document`);
    },
  });
}

const deps: ApiDeps = {
  db: unavailable('db'),
  temporal: unavailable('temporal'),
  taskQueue: 'export-openapi',
  logger: createLogger('silent'),
};
const out = resolve(process.argv[2] ?? 'dist/openapi.json');
// Nothing is served here; naming the folder spares the lookup by __dirname, which the ESM bundle `npm run typecheck`
// runs this script from does not have.
process.env.CONSOLE_DIR ??= 'dist/console';
const { openApiDocument } = createApp(deps);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(openApiDocument, null, 2)}\n`);
console.log(`OpenAPI document written to ${out}`);
