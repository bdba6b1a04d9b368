import { defineConfig } from 'vitest/config';

// One test command for every level. Projects that need DynamoDB Local share one instance,
// started once per run by test/helpers/global-dynamo.ts; each test file gets its own table.
// Handlers called in tests log as on the local stack: through the console, so the lines of passing
// tests are held back (Powertools' JSON lines bypass the console).
const node = { environment: 'node' as const, env: { LOCAL_STACK: '1' } };
const withDynamo = { ...node, globalSetup: ['test/helpers/global-dynamo.ts'] };

export default defineConfig({
  test: {
    silent: 'passed-only',
    // Vitest's default on a 2-core machine is one file at a time, and a file alone keeps barely one core
    // busy (its stack, DynamoDB Local and Chromium take turns): two at a time use both.
    maxWorkers: 2,
    projects: [
      { test: { ...node, name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { test: { ...withDynamo, name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 } },
      { test: { ...withDynamo, name: 'workflow', include: ['test/workflow/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 } },
      { test: { ...node, name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 180_000 } },
      'web/vite.config.ts',
      { test: { ...withDynamo, name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 180_000, expect: { poll: { timeout: 15_000 } } } },
    ],
  },
});
