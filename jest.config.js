const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] };

/** Unit tests need no server; integration and replay tests share one real stack (test/support/global-setup.ts). */
module.exports = {
  testTimeout: 180000,
  // Tests within a file run in a shuffled order, so one that leans on another's leftovers fails
  // instead of passing by luck. Jest accepts this only here, not per project: unit tests shuffle too.
  randomize: true,
  projects: [
    { displayName: 'unit', testEnvironment: 'node', transform, testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/replay/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
