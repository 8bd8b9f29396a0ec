import { defineConfig } from 'vitest/config';
import E2eBoardFirst from './test/e2e/sequencer.ts';

// The suites: unit (pure, no I/O), local-aws (the local platform package's own tests),
// integration (real DynamoDB Local, local Step Functions engine, local gateway),
// infrastructure (CDK assertions).
export default defineConfig({
  test: {
    // Two files at a time on CI's 2 cores (vitest's default there is one: cpus - 1). The
    // integration files wait on DynamoDB Local and HTTP most of the time; see ARCHITECTURE, CI time.
    maxWorkers: 2,
    // console.test.ts before the other browser tests (they share one system): test/e2e/sequencer.ts.
    sequence: { sequencer: E2eBoardFirst },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // Pure modules: one module graph per worker instead of one per file.
          isolate: false,
          globalSetup: ['test/support/openapi-file.ts'],
        },
      },
      {
        test: {
          // The web console's own logic (web/src/lib, web/src/i18n): pure, like unit.
          name: 'web',
          include: ['web/test/unit/**/*.test.ts'],
          environment: 'node',
          isolate: false,
          env: { TZ: 'America/New_York' },
        },
      },
      {
        test: {
          // The local platform's own tests (packages/local-aws/test): the engine, the gateway,
          // the scheduler, tokens and DynamoDB Local on fixtures, nothing of the product.
          name: 'local-aws',
          include: ['packages/local-aws/test/**/*.test.ts'],
          environment: 'node',
          env: {
            LOCAL_AWS_DYNAMODB_DIR: `${import.meta.dirname}/.cache/dynamodb-local`,
            AWS_REGION: 'local',
            AWS_ACCESS_KEY_ID: 'local',
            AWS_SECRET_ACCESS_KEY: 'local',
          },
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-dynamodb.ts', 'test/support/openapi-file.ts'],
          setupFiles: ['test/support/setup-integration.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          // The console in real Chromium (playwright-core, Debian's /usr/bin/chromium) against
          // the local system with the demo year loaded: test/e2e/. One system for the project
          // (global-system.ts starts it in the background), its files one after another.
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-system.ts'],
          testTimeout: 120_000,
          hookTimeout: 600_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'infrastructure',
          include: ['test/infrastructure/**/*.test.ts'],
          environment: 'node',
          // aws-cdk-lib loaded once per worker, and one synthesis per distinct set of options
          // (test/infrastructure/support.ts memoises them) shared by the files.
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
