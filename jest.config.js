/** Unit tests live beside the code (src/**\/*.spec.ts); integration tests in test/ run against real PostgreSQL. */
const base = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: {
    '^.+\\.ts$': 'ts-jest',
    '/node_modules/vk-io/lib/index\\.js$': '<rootDir>/test/support/vk-io-jest-transform.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!vk-io/lib/index\\.js$)'],
  testEnvironment: 'node',
};
module.exports = {
  testTimeout: 60000,
  // Integration tests mostly wait on PostgreSQL and sockets: two workers keep both cores busy.
  maxWorkers: 2,
  projects: [
    { ...base, displayName: 'unit', rootDir: '.', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
