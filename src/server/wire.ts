/**
 * The bytes on the wire: protocol values without null fields, as chatkit-python's `_serialize`
 * (chatkit/server.py: `model_dump_json(by_alias=True, exclude_none=True)`) writes them, one
 * `data:` line per event, and the response headers of an event stream.
 */
import type { ThreadStreamEvent } from '../protocol/types.js';

/**
 * Keys whose values are free-form JSON owned by the integrator or the page (effect data, tool
 * arguments and output, action payloads, metadata): nulls inside them are data, not absent
 * protocol fields, so they are kept as is.
 */
const OPAQUE_KEYS = new Set(['data', 'arguments', 'output', 'payload', 'metadata']);

/**
 * Returns a copy of a protocol value with every `null` or `undefined` object field left out, the
 * way chatkit-python serialises with `exclude_none=True`. Free-form JSON under `data`,
 * `arguments`, `output`, `payload` and `metadata` is copied untouched, arrays included (only a
 * `data` array, a page's items, is still cleaned).
 *
 * @param value - A thread, item, event, page or any other protocol value.
 * @returns A value ready for `JSON.stringify`.
 */
export function toWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toWire);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === null || field === undefined) continue;
    // A page's `data` is the one array of protocol values under these keys; a tool's array
    // `output` (or `arguments`) is the integrator's JSON and keeps its nulls.
    out[key] = OPAQUE_KEYS.has(key) && !(key === 'data' && Array.isArray(field)) ? field : toWire(field);
  }
  return out;
}

/** Response headers for a ChatKit event stream (no proxy buffering, no caching). */
export const SSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
});

/**
 * Encodes one stream event as a server-sent event frame: `data: <compact JSON>` and a blank line,
 * with no `event:` name or `id:` (the framing chatkit-python uses). Use it to stream
 * `ChatKitServer.process()` results from frameworks other than node:http.
 *
 * @param event - The event to encode.
 * @returns The frame, ready to write.
 */
export function encodeSseEvent(event: ThreadStreamEvent): string {
  // JSON.stringify escapes CR and LF inside strings, so a payload is always one SSE line.
  return `data: ${JSON.stringify(toWire(event))}\n\n`;
}
