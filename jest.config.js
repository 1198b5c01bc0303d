const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] };

/**
 * Unit tests need no server; integration, replay and browser tests share one real stack
 * (test/support/global-setup.ts: Jest runs a global setup named by several projects once).
 */
const stackProject = {
  testEnvironment: 'node',
  transform,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};
module.exports = {
  testTimeout: 180000,
  // Tests within a file run in a shuffled order, so one that leans on another's leftovers fails
  // instead of passing by luck. Jest accepts this only here, not per project: unit tests shuffle too.
  randomize: true,
  testSequencer: '<rootDir>/test/support/browser-last-sequencer.js',
  projects: [
    { displayName: 'unit', testEnvironment: 'node', transform, testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...stackProject,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/replay/**/*.test.ts'],
    },
    // Real Chromium (Debian's, see .ci/run) on the same stack; the sequencer runs these files last.
    { ...stackProject, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
  ],
};
