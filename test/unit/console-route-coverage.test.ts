import fs from 'node:fs';
import path from 'node:path';
import { exportOpenApiDocument } from '../../api/openapi-export';

/**
 * Issue 13, demonstrable: every operation in /openapi.json that a person may call has a place in
 * the console, or is listed below as machine-only with the reason. The console calls the API
 * through its typed client (`api.GET('/path/{id}', …)`); a call that cannot go through it (an
 * upload with progress) names its operation in a `// api: POST /path/{id}` comment beside it.
 */
const machineOnly: Record<string, string> = {
  'GET /health': 'for load balancers, `npm start` and monitoring; people read the console',
  'POST /contracts/{id}/renewal':
    'answers 410 renewal-by-proposal: kept so older scripts learn the new route; the console proposes renewals',
  'POST /users/{id}/tokens': 'bearer tokens are for scripts and integrations; people sign in with a password',
  'DELETE /tokens/{id}': 'bearer tokens are for scripts and integrations; people sign in with a password',
  'GET /users/{id}/tokens': 'bearer tokens are for scripts and integrations; people sign in with a password',
  'GET /me': 'the bearer-token view of who is calling; the console reads the same from GET /session',
};

const consoleDir = path.join(__dirname, '../../console/src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** `METHOD /path` of every operation the console's source calls. */
function operationsTheConsoleCalls(): Set<string> {
  const called = new Set<string>();
  const clientCall = /\bapi\s*\.(GET|POST|PUT|PATCH|DELETE)\(\s*['"`]([^'"`]+)['"`]/g;
  const annotated = /\/\/\s*api:\s*(GET|POST|PUT|PATCH|DELETE)\s+(\/\S*)/g;
  for (const file of sourceFiles(consoleDir)) {
    const source = fs.readFileSync(file, 'utf8');
    for (const pattern of [clientCall, annotated])
      for (const [, method, route] of source.matchAll(pattern)) called.add(`${method} ${route}`);
  }
  return called;
}

interface Operation {
  'x-roles'?: string[];
}

const documented = (() => {
  process.env.CONSOLE_DIR ??= 'dist/console';
  const doc = exportOpenApiDocument() as unknown as { paths: Record<string, Record<string, Operation>> };
  return Object.entries(doc.paths).flatMap(([route, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      id: `${method.toUpperCase()} ${route}`,
      roles: operation['x-roles'] ?? [],
    })),
  );
})();

describe('the console covers the API', () => {
  const called = operationsTheConsoleCalls();

  it('names who may call every operation (x-roles)', () => {
    expect(documented.filter((op) => op.roles.length === 0).map((op) => op.id)).toEqual([]);
  });

  it('gives every operation a person may call a place in the console, or a reason it is machine-only', () => {
    const missing = documented
      .filter((op) => !called.has(op.id) && !(op.id in machineOnly))
      .map((op) => `${op.id} (roles: ${op.roles.join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('calls only operations the API documents, and lists as machine-only none it calls', () => {
    const ids = new Set(documented.map((op) => op.id));
    expect([...called].filter((id) => !ids.has(id))).toEqual([]);
    expect(Object.keys(machineOnly).filter((id) => called.has(id) || !ids.has(id))).toEqual([]);
  });
});
