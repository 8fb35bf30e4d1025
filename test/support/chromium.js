// The one place that knows how this project runs Chromium: which binary, and the flags that
// keep it quiet on a closed network (no background or component traffic, no QUIC) and working
// as root. Used by the test runner, the benchmarks and the screenshot script.
import { existsSync } from 'node:fs';

/** Flags for every headless Chromium this project starts. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  // A fake microphone that needs no permission prompt (dictation tests).
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** The Chromium binary (CHROME_PATH, else the first one installed); exits with a clear line when there is none. */
export function findChromium() {
  const path = process.env.CHROME_PATH || CANDIDATES.find((candidate) => existsSync(candidate));
  if (!path || !existsSync(path)) {
    console.error(
      'No Chromium found: install one (Debian: apt-get install chromium; elsewhere any Chrome/Chromium, or npx playwright install chromium) or set CHROME_PATH.',
    );
    process.exit(1);
  }
  return path;
}
