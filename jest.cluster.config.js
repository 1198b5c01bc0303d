const base = require('./jest.config.js');

/**
 * `npm run test:cluster` (TEMPORAL_MODE=cluster): the integration files that together cover what the
 * product asks of Temporal, run on a real Temporal cluster (PostgreSQL persistence and SQL visibility,
 * several history shards) instead of the dev server; then the failure drills (test/cluster/), which
 * start their own cluster. The whole integration suite runs on the dev server in `jest` before it.
 */
const clusterSubset = [
  // Signing: a contract workflow started, signed and terminated through Updates; its CarePact*
  // search attributes queried back through SQL visibility.
  'contract-signing',
  // Two policy years of one contract: every timer (verdicts, escalations, requests, referrals,
  // renewal reminder, expiry) in order, each mail once, across a worker SIGKILL.
  'contract-two-years',
  // An evaluation cycle end to end: assignment, scoring, grades and their consequences, an overdue
  // evaluation, a relaunch that changes nothing.
  'evaluation-cycle',
  // A cycle's fan-out with the worker SIGKILLed in the middle (each evaluation once, each mail once),
  // and the region's launch schedule (Temporal schedules: create, pause, resume).
  'evaluation-fanout-schedule',
  // Rectification after an Unqualified grade: accepted at once, rejected then accepted, one extension,
  // deadline missed → notice → revocation, representations accepted, re-evaluation Unqualified → revocation.
  'rectification-paths',
  // Rectification ordered directly by a regulator, not by an evaluation.
  'direct-order',
  // Several findings for both sides: plans, evidence and review per finding; a missing plan → notice.
  'rectification-findings',
  // The representations window: confirming too early refused, representations filed then the
  // revocation withdrawn, both parties declaring none → revoked at once.
  'due-process-representations',
  // A confirmed revocation reaching the hospital's other contracts in the region (and not elsewhere).
  'revocation-reach',
  // The contract's status through rectification: rectifying, active again, revoked, expiry and
  // termination while rectifying.
  'rectification-state',
  // A worker SIGKILLed during evidence review: no evidence lost, no mail twice, the deadline still fires.
  'rectification-crash',
];

const integration = base.projects.find((project) => project.displayName === 'integration');
// Failure drills: each file starts and breaks its own PostgreSQL, Temporal cluster and worker processes
// (scripts/local-stack.ts), so it needs no global setup and runs only here, not in the plain `jest` run.
const cluster = {
  displayName: 'cluster',
  testEnvironment: 'node',
  transform: integration.transform,
  testMatch: ['<rootDir>/test/cluster/**/*.test.ts'],
};

module.exports = {
  ...base,
  projects: [
    { ...integration, testMatch: clusterSubset.map((name) => `<rootDir>/test/integration/${name}.test.ts`) },
    cluster,
  ],
};
