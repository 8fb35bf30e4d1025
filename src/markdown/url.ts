/**
 * URL allow-listing for links and images in model output. No Lit and no DOM: the checks use the
 * WHATWG URL parser, the same one the browser applies to an `href`, so obfuscations such as
 * `JaVaScRiPt:`, ` javascript:` or `java\tscript:` are seen exactly as the browser would see them.
 */

const safeProtocols = new Set(['http:', 'https:', 'mailto:']);

/** Base for resolving relative URLs; `.invalid` is reserved and never resolves. */
const base = 'https://relative.invalid/';

function parse(url: string): URL | undefined {
  try {
    return new URL(url, base);
  } catch {
    return undefined;
  }
}

/**
 * Tells whether `url` may become a link: `http:`, `https:`, `mailto:` or relative.
 *
 * Checks the exact string that will be set as the attribute (after markdown's own entity
 * decoding); attributes set from script are not entity-decoded again by the browser.
 */
export function isSafeUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== undefined && safeProtocols.has(parsed.protocol);
}

/**
 * Tells whether `url` may be loaded as an image: absolute `http:`/`https:` with a host listed in
 * `allowedDomains` (compared case-insensitively, exact host match).
 */
export function isAllowedImage(url: string, allowedDomains: readonly string[]): boolean {
  if (allowedDomains.length === 0) return false;
  const parsed = parse(url);
  if (
    !parsed ||
    (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') ||
    parsed.hostname === 'relative.invalid'
  ) {
    return false;
  }
  const host = parsed.hostname.replace(/\.$/, '');
  return allowedDomains.some((domain) => domain.trim().toLowerCase().replace(/\.$/, '') === host);
}
