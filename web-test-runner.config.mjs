// Browser tests: real headless Chromium and Firefox, the real server kit mounted as middleware on
// the test server's own origin (so element tests use real fetch and real SSE bytes).
// WTR_BROWSERS=chromium (or firefox) runs one engine only; both run by default.
import { mkdirSync, writeFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { register } from 'tsx/esm/api';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_FLAGS, findChromium } from './test/support/chromium.js';
import { FIREFOX_ENV, FIREFOX_PREFS, findFirefox } from './test/support/firefox.js';

const engines = (process.env.WTR_BROWSERS ?? 'chromium,firefox').split(',').map((name) => name.trim());

function chromium() {
  return chromeLauncher({ launchOptions: { executablePath: findChromium(), headless: true, args: CHROMIUM_FLAGS } });
}

/** Firefox over WebDriver BiDi: the same launcher, handed puppeteer-core so it may start Firefox. */
function firefox() {
  const executablePath = findFirefox();
  if (!executablePath) {
    console.error(
      'No Firefox found: install one (Debian: apt-get install firefox-esr), set FIREFOX_PATH, or run WTR_BROWSERS=chromium.',
    );
    process.exit(1);
  }
  return chromeLauncher({
    puppeteer,
    launchOptions: {
      browser: 'firefox',
      executablePath,
      headless: true,
      env: FIREFOX_ENV,
      extraPrefsFirefox: FIREFOX_PREFS,
    },
  });
}

// The middleware and scenario agents are TypeScript; Node 20 needs tsx to load them.
register();
const { testServerMiddleware } = await import('./test/support/server.ts');

/** Writes pass/fail counts, in total and per engine, for .ci/run's closing line. */
function countingReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0, engines: {} };
      for (const session of sessions) {
        const engine = (counts.engines[session.browser.name] ??= { passed: 0, failed: 0, skipped: 0 });
        const add = (outcome) => {
          counts[outcome]++;
          engine[outcome]++;
        };
        const visit = (suite) => {
          for (const test of suite.tests ?? []) add(test.skipped ? 'skipped' : test.passed ? 'passed' : 'failed');
          for (const child of suite.suites ?? []) visit(child);
        };
        if (session.testResults) visit(session.testResults);
        else add('failed');
        // A file that failed to load has no results but errors: count it as a failure.
        if (
          !session.passed &&
          session.testResults &&
          !(session.testResults.tests?.length || session.testResults.suites?.length)
        )
          add('failed');
      }
      mkdirSync('.test-results', { recursive: true });
      writeFileSync('.test-results/browser.json', JSON.stringify(counts));
    },
  };
}

export default {
  files: process.env.WTR_FILES
    ? process.env.WTR_FILES.split(',')
    : ['test/**/*.test.ts', '!test/server/**', '!test/build/**'],
  nodeResolve: { exportConditions: ['production'] },
  concurrency: 1,
  testsFinishTimeout: 120_000,
  // Two browsers start at once on a busy machine; Firefox alone can take half a minute.
  browserStartTimeout: 120_000,
  // One engine after the other: both at once on two cores made tests time out.
  concurrentBrowsers: 1,
  // On a busy two-core machine a passing test can take several seconds.
  testFramework: { config: { timeout: 10_000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'auto', tsconfig: './tsconfig.json' })],
  middleware: [testServerMiddleware],
  browsers: engines.map((name) => {
    if (name === 'chromium') return chromium();
    if (name === 'firefox') return firefox();
    throw new Error(`WTR_BROWSERS: unknown engine ${name} (chromium, firefox)`);
  }),
  reporters: [defaultReporter(), countingReporter()],
};
