// The one place that knows how this project runs Firefox (Debian's firefox-esr, driven over
// WebDriver BiDi by puppeteer-core): which binary, and the preferences that keep it off the
// network the way test/support/chromium.js's flags keep Chromium quiet.
import { existsSync } from 'node:fs';

/**
 * Preferences for every headless Firefox this project starts. Any request that is not to
 * loopback goes to a proxy on a closed local port, so nothing can leave the machine even if a
 * background service below is missed; the rest switch those services off so they do not retry.
 */
export const FIREFOX_PREFS = {
  // A fake microphone that needs no permission prompt (dictation tests).
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': 9,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': 9,
  'network.proxy.share_proxy_settings': true,
  'network.proxy.no_proxies_on': 'localhost, 127.0.0.1, [::1]',
  'network.proxy.allow_hijacking_localhost': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.http.speculative-parallel-limit': 0,
  'app.update.auto': false,
  'app.update.enabled': false,
  'app.normandy.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.search.update': false,
  'browser.topsites.contile.enabled': false,
  'browser.newtabpage.activity-stream.feeds.system.topstories': false,
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.blocklist.enabled': false,
  'media.gmp-manager.url': '',
  'geo.provider.network.url': '',
  'services.settings.server': 'http://127.0.0.1:9/',
};

/**
 * Environment for Firefox: release builds ignore `services.settings.server` (above) unless this
 * is set, and otherwise retry the Remote Settings server several times a second (seen through
 * the proxy: about 16 CONNECTs a second to firefox.settings.services.mozilla.com; none with it).
 */
export const FIREFOX_ENV = { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' };

const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

/** The Firefox binary (FIREFOX_PATH, else the first one installed), or undefined when there is none. */
export function findFirefox() {
  const path = process.env.FIREFOX_PATH || CANDIDATES.find((candidate) => existsSync(candidate));
  return path && existsSync(path) ? path : undefined;
}
