import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { exportOpenApiDocument } from '../api/openapi-export';

/**
 * Writes the API's OpenAPI document without a database or Temporal (api/openapi-export.ts).
 * Usage: node dist/scripts/export-openapi.js [output path, default dist/openapi.json]
 */
const out = resolve(process.argv[2] ?? 'dist/openapi.json');
// Nothing is served here; naming the folder spares the lookup by __dirname, which the ESM bundle `npm run typecheck`
// runs this script from does not have.
process.env.CONSOLE_DIR ??= 'dist/console';
const openApiDocument = exportOpenApiDocument();
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(openApiDocument, null, 2)}\n`);
console.log(`OpenAPI document written to ${out}`);
