/**
 * Which way imports run (README, "Layout"). Floors, bottom to top:
 *   domain/ (pure rules) and platform/ (infrastructure adapters)
 *   messages/ (what crosses a workflow's boundary) and workflows/
 *   activities/, stores/, migrations/
 *   api/, worker/, scripts/, bench/, test/
 * A module imports its own floor's neighbours or floors below, never above, and nothing forms a
 * cycle, type-only imports included (tsPreCompilationDeps keeps them in the graph).
 * `npm run lint:deps`, part of `npm test`.
 */
const ours = '^(domain|platform|messages|workflows|activities|stores|migrations|api|worker|scripts|bench|test)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle, even through types only, means two modules are one; move what both need into the lower one (often messages/).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-imports-nothing-of-ours',
      comment: 'domain/ is the floor: pure rules every other folder may use.',
      severity: 'error',
      from: { path: '^domain/' },
      to: { path: ours, pathNot: '^domain/' },
    },
    {
      name: 'platform-imports-only-domain',
      comment: 'platform/ is ground-floor infrastructure (config, database, Temporal, mail); whatever assembles api, worker, stores and migrations belongs in scripts/.',
      severity: 'error',
      from: { path: '^platform/' },
      to: { path: ours, pathNot: '^(platform|domain)/' },
    },
    {
      name: 'deterministic-code-uses-no-node-builtins',
      comment: 'domain/, messages/ and workflows/ run inside the workflow sandbox and are replayed: no I/O, no host clock.',
      severity: 'error',
      from: { path: '^(domain|messages|workflows)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'messages-import-only-domain',
      comment: 'messages/ holds the signals, updates, queries and inputs that workflows, activities, stores and the API share.',
      severity: 'error',
      from: { path: '^messages/' },
      to: { path: ours, pathNot: '^(messages|domain)/' },
    },
    {
      name: 'workflows-import-only-domain-messages-and-activity-types',
      comment: 'A workflow is deterministic: it reaches side effects only through activity proxies.',
      severity: 'error',
      from: { path: '^workflows/' },
      to: { path: ours, pathNot: '^(workflows|messages|domain|activities)/' },
    },
    {
      name: 'workflows-import-activities-by-type-only',
      comment: 'Activity code must not be bundled into workflows: `import type` and proxyActivities.',
      severity: 'error',
      from: { path: '^workflows/' },
      to: { path: '^activities/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'activities-and-stores-never-import-workflows',
      comment: 'Shared inputs and message types live in messages/; workflow code is for the worker to bundle.',
      severity: 'error',
      from: { path: '^(activities|stores)/' },
      to: { path: '^workflows/' },
    },
    {
      name: 'stores-never-import-activities',
      comment: 'Activities use stores, not the other way round.',
      severity: 'error',
      from: { path: '^stores/' },
      to: { path: '^activities/' },
    },
    {
      name: 'migrations-import-only-domain-and-platform',
      comment: 'A migration is frozen once run: it must not change when a store or a workflow does.',
      severity: 'error',
      from: { path: '^migrations/' },
      to: { path: ours, pathNot: '^(migrations|domain|platform)/' },
    },
    {
      name: 'activities-and-stores-never-import-entry-points',
      comment: 'api/, worker/, scripts/, bench/ and test/ are the top floor: nothing below imports them.',
      severity: 'error',
      from: { path: '^(activities|stores)/' },
      to: { path: '^(api|worker|scripts|bench|test)/' },
    },
    {
      name: 'only-the-worker-and-tests-load-workflows',
      comment: 'The API and scripts start workflows by name and talk to them through messages/.',
      severity: 'error',
      from: { path: ours, pathNot: '^(workflows|worker|test|activities|stores)/' },
      to: { path: '^workflows/' },
    },
    {
      name: 'api-and-worker-are-separate-processes',
      comment: 'Either runs without the other; scripts/ may assemble both.',
      severity: 'error',
      from: { path: '^(api|worker)/' },
      to: { path: '^(api|worker|scripts|bench|test)/', pathNot: '^$1/' },
    },
    {
      name: 'nothing-imports-tests',
      severity: 'error',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
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
