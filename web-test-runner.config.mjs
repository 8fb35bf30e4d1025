// Browser tests: real headless Chromium, the real server kit mounted as middleware on the
// test server's own origin (so element tests use real fetch and real SSE bytes).
import { mkdirSync, writeFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { register } from 'tsx/esm/api';
import { CHROMIUM_FLAGS, findChromium } from './test/support/chromium.js';

const executablePath = findChromium();

// The middleware and scenario agents are TypeScript; Node 20 needs tsx to load them.
register();
const { testServerMiddleware } = await import('./test/support/server.ts');

/** Writes pass/fail counts for .ci/run's closing line. */
function countingReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      const visit = (suite) => {
        for (const test of suite.tests ?? []) {
          if (test.skipped) counts.skipped++;
          else if (test.passed) counts.passed++;
          else counts.failed++;
        }
        for (const child of suite.suites ?? []) visit(child);
      };
      for (const session of sessions) {
        if (session.testResults) visit(session.testResults);
        else counts.failed++;
        // A file that failed to load has no results but errors: count it as a failure.
        if (!session.passed && session.testResults && !(session.testResults.tests?.length || session.testResults.suites?.length)) counts.failed++;
      }
      mkdirSync('.test-results', { recursive: true });
      writeFileSync('.test-results/browser.json', JSON.stringify(counts));
    },
  };
}

export default {
  files: process.env.WTR_FILES ? process.env.WTR_FILES.split(',') : ['test/**/*.test.ts', '!test/server/**'],
  nodeResolve: { exportConditions: ['production'] },
  concurrency: 1,
  testsFinishTimeout: 120_000,
  testFramework: { config: { timeout: 4000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'auto', tsconfig: './tsconfig.json' })],
  middleware: [testServerMiddleware],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: CHROMIUM_FLAGS,
      },
    }),
  ],
  reporters: [defaultReporter(), countingReporter()],
};
