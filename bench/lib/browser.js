// Headless Chromium for the benchmarks (puppeteer-core, no download): a fresh temporary profile
// per launch, the flags the project's benchmarks use, and in-page probes for frames and long tasks.
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_FLAGS as BASE_FLAGS, findChromium } from '../../test/support/chromium.js';

/** Flags for every launch (puppeteer adds its own defaults, e.g. no background timer throttling). */
const CHROMIUM_FLAGS = [
  ...BASE_FLAGS,
  // Loopback only: every host name fails to resolve without a DNS query (deep-chat, for one,
  // asks fonts.googleapis.com for a font); the pages use 127.0.0.1 literally.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

/**
 * Launches headless Chromium with a fresh profile.
 *
 * @returns {Promise<{browser: import('puppeteer-core').Browser, version: string, close(): Promise<void>}>}
 */
async function launchBrowser() {
  const executablePath = findChromium();
  const userDataDir = await mkdtemp(join(tmpdir(), 'stream-chat-bench-'));
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    userDataDir,
    args: CHROMIUM_FLAGS, // puppeteer passes --user-data-dir=<userDataDir>
    defaultViewport: { width: 1000, height: 800 },
    protocolTimeout: 240_000,
  });
  const version = await browser.version();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await browser.close().catch(() => undefined);
    await rm(userDataDir, { recursive: true, force: true }).catch(() => undefined);
  };
  return { browser, version, close };
}

/**
 * Launches Chromium for a benchmark that already started `server`, and returns a `stop()` that
 * closes both (also on Ctrl-C). The server is closed too when the launch fails.
 */
export async function launchWithServer(server) {
  const chromium = await launchBrowser().catch(async (error) => {
    await server.close();
    throw error;
  });
  const stop = async () => {
    await chromium.close();
    await server.close();
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  return { chromium, stop };
}

/** The header line every benchmark prints first. */
export function headerLine(name, version) {
  const cpu = cpus()[0]?.model?.trim() ?? 'unknown CPU';
  const load = loadavg()[0];
  return `${name}: ${version} (headless), node ${process.version}, ${availableParallelism()} CPUs (${cpu}), load average ${load.toFixed(2)}`;
}

/**
 * In-page probes, installed before any page script runs (`page.evaluateOnNewDocument(PROBES)`):
 * `window.__probe.start()` starts collecting 'longtask' and 'long-animation-frame' entries and the
 * longest interval between two animation frames (a rAF loop); `stop()` returns them;
 * `afterPaint()` resolves with the time after the next frame (a rAF callback, then one posted
 * task, which runs after that frame's rendering).
 */
export const PROBES = `(() => {
  const state = { armed: false, since: 0, longtasks: [], loafs: [], maxFrame: 0, frames: 0, last: 0 };
  const observers = [];
  const collect = (type, push) => {
    try {
      const observer = new PerformanceObserver((list) => list.getEntries().forEach(push));
      observer.observe({ type });
      observers.push([observer, push]);
    } catch { /* entry type not supported */ }
  };
  collect('longtask', (entry) => {
    if (state.armed && entry.startTime >= state.since) state.longtasks.push({ start: entry.startTime, duration: entry.duration });
  });
  collect('long-animation-frame', (entry) => {
    if (state.armed && entry.startTime >= state.since)
      state.loafs.push({ start: entry.startTime, duration: entry.duration, blocking: entry.blockingDuration ?? 0 });
  });
  const tick = (time) => {
    if (!state.armed) return;
    state.maxFrame = Math.max(state.maxFrame, time - state.last);
    state.frames++;
    state.last = Math.max(state.last, time);
    requestAnimationFrame(tick);
  };
  const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(0);
  }));
  window.__probe = {
    start() {
      // The first interval runs from start() to the first frame, so a task right after start() counts.
      const now = performance.now();
      Object.assign(state, { armed: true, since: now, longtasks: [], loafs: [], maxFrame: 0, frames: 0, last: now });
      requestAnimationFrame(tick);
      return state.since;
    },
    stop() {
      for (const [observer, push] of observers) observer.takeRecords().forEach(push);
      state.armed = false;
      const { longtasks, loafs, maxFrame, frames, since } = state;
      return { since, until: performance.now(), longtasks, loafs, maxFrame, frames };
    },
    afterPaint,
  };
})();`;

/** Summarises what `__probe.stop()` returned. */
export function summariseProbe(probe) {
  const longest = (list) => list.reduce((max, entry) => Math.max(max, entry.duration), 0);
  return {
    longtaskCount: probe.longtasks.length,
    longestTask: longest(probe.longtasks),
    loafCount: probe.loafs.length,
    longestLoaf: longest(probe.loafs),
    longestLoafBlocking: probe.loafs.reduce((max, entry) => Math.max(max, entry.blocking), 0),
    maxFrame: probe.maxFrame,
    frames: probe.frames,
  };
}

/** Cumulative main-thread task time (ms) of a page's renderer, from CDP Performance.getMetrics. */
export async function taskDuration(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0) * 1000;
}
