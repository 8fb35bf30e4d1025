/**
 * What the endpoint refuses before reading a body: methods other than POST (405), bodies not
 * declared `application/json` (415) and cross-site origins the integrator did not allow (403);
 * allowed origins get CORS headers and their preflight is answered here.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ChatKitRequestError } from './errors.js';

/**
 * Which cross-site pages may call the endpoint: exact origins such as `https://app.example.com`,
 * `'*'` for any, or a function deciding per origin. Same-origin pages and clients that are not
 * browsers (no `Origin`, no `Sec-Fetch-Site`) are always allowed.
 */
export type AllowedOrigins = readonly string[] | '*' | ((origin: string) => boolean);

/** What {@link guardRequest} decided. */
export type GuardResult = 'proceed' | 'answered';

/**
 * Refuses what a browser can send from another site without asking first: every method but POST
 * (405), a body that is not declared `application/json` (415: a `<form enctype="text/plain">`
 * cannot set it), and a cross-site `Origin` the integrator did not allow (403). An allowed
 * cross-site origin gets CORS headers, and its preflight `OPTIONS` is answered here.
 *
 * @returns `'answered'` when a preflight was answered and the request is complete.
 * @throws {ChatKitRequestError} 403, 405 or 415.
 */
export function guardRequest(
  req: IncomingMessage,
  res: ServerResponse,
  allowed: AllowedOrigins | undefined,
): GuardResult {
  if (guardOrigin(req, res, allowed, 'POST') === 'answered') return 'answered';
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    throw new ChatKitRequestError(405, 'method_not_allowed', 'Use POST with a JSON body.');
  }
  const type = header(req, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ChatKitRequestError(415, 'unsupported_media_type', 'Send the request body as application/json.');
  }
  return 'proceed';
}

/**
 * The origin half of {@link guardRequest}, shared with the attachment routes: refuses a cross-site
 * `Origin` the integrator did not allow (403), gives an allowed one CORS headers and answers its
 * preflight (allowing `methods`).
 *
 * @returns `'answered'` when a preflight was answered and the request is complete.
 * @throws {ChatKitRequestError} 403.
 */
export function guardOrigin(
  req: IncomingMessage,
  res: ServerResponse,
  allowed: AllowedOrigins | undefined,
  methods: string,
): GuardResult {
  const origin = header(req, 'origin');
  const crossSite = origin !== undefined && isCrossOrigin(req, origin);
  if (crossSite) {
    if (!isAllowed(origin, allowed)) {
      throw new ChatKitRequestError(403, 'forbidden_origin', 'Requests from this origin are not allowed.');
    }
    res.setHeader('access-control-allow-origin', origin);
    res.appendHeader('vary', 'Origin');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': methods,
        'access-control-allow-headers': header(req, 'access-control-request-headers') ?? 'content-type',
        'access-control-max-age': '600',
      });
      res.end();
      return 'answered';
    }
  } else if (origin === undefined && /^(?:cross|same)-site$/.test(header(req, 'sec-fetch-site') ?? '')) {
    // A browser that tells us the request is cross-site but hides its origin: nothing to allow.
    throw new ChatKitRequestError(403, 'forbidden_origin', 'Cross-site requests without an Origin are not allowed.');
  }
  return 'proceed';
}

/**
 * Same-origin when the browser says so (`Sec-Fetch-Site: same-origin`), or, for browsers that do
 * not send Fetch Metadata, when the `Origin` names the host the request was sent to.
 */
function isCrossOrigin(req: IncomingMessage, origin: string): boolean {
  const site = header(req, 'sec-fetch-site');
  if (site === 'same-origin' || site === 'none') return false;
  if (site !== undefined) return true;
  try {
    return new URL(origin).host !== header(req, 'host');
  } catch {
    // `Origin: null` (sandboxed frames, file pages) and anything unparsable is not our origin.
    return true;
  }
}

function isAllowed(origin: string, allowed: AllowedOrigins | undefined): boolean {
  if (allowed === undefined) return false;
  if (allowed === '*') return origin !== 'null';
  if (typeof allowed === 'function') return allowed(origin);
  return allowed.includes(origin);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
