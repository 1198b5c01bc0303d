/**
 * Which way imports run: the README's "Layout" table, checked by `npm run lint:deps` (part of
 * `npm test`). Floors, bottom to top:
 *   domain/ (pure rules), with platform/ (infrastructure adapters) beside it
 *   messages/ (what crosses a workflow's boundary) and workflows/
 *   activities/, stores/, migrations/
 *   api/, worker/, scripts/, bench/, test/
 * Each folder may import only the folders listed for it here, all on its own floor or below (but
 * for the workflows' type-only import of the activities), and no chain of imports may come back
 * to where it started. tsPreCompilationDeps keeps type-only imports in the graph, so a cycle
 * through types fails too.
 */

/** What each folder may import besides itself. test/ may import anything; nothing may import test/. */
const mayImport = {
  domain: [],
  platform: ['domain'],
  messages: ['domain'],
  // activities: by type only (next rule); the worker joins workflows and activities at run time.
  workflows: ['messages', 'domain', 'activities'],
  stores: ['messages', 'platform', 'domain'],
  activities: ['stores', 'messages', 'platform', 'domain'],
  migrations: ['platform', 'domain'],
  // Not workflows/: the API starts workflows by name and talks to them through messages/.
  api: ['activities', 'stores', 'migrations', 'messages', 'platform', 'domain'],
  worker: ['workflows', 'activities', 'stores', 'migrations', 'messages', 'platform', 'domain'],
  scripts: ['api', 'worker', 'activities', 'stores', 'migrations', 'messages', 'platform', 'domain'],
  // The console talks to the API over HTTP only (a client typed from /openapi.json), never by importing it.
  console: [],
  bench: ['scripts', 'api', 'worker', 'activities', 'stores', 'migrations', 'messages', 'platform', 'domain'],
};

const ours = `^(${[...Object.keys(mayImport), 'test'].join('|')})/`;

const floorRules = Object.entries(mayImport).map(([folder, allowed]) => ({
  name: allowed.length ? `${folder}-imports-only-${allowed.join('-')}` : `${folder}-imports-nothing-of-ours`,
  severity: 'error',
  from: { path: `^${folder}/` },
  to: { path: ours, pathNot: `^(${[folder, ...allowed].join('|')})/` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment:
        'A cycle, even through types only, makes two modules one; move what both need down a floor (often to messages/).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...floorRules,
    {
      name: 'workflows-import-activities-by-type-only',
      comment: 'Activity code must not be bundled into workflows: `import type` and proxyActivities.',
      severity: 'error',
      from: { path: '^workflows/' },
      to: { path: '^activities/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'deterministic-code-uses-no-node-builtins',
      comment: 'domain/, messages/ and workflows/ run in the workflow sandbox and are replayed: no I/O, no host clock.',
      severity: 'error',
      from: { path: '^(domain|messages|workflows)/' },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    exclude: { path: '^(dist|coverage|\\.data|test/\\.run)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    skipAnalysisNotInRules: true,
  },
};
