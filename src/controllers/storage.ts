/**
 * `localStorage` that may be missing, full or refused (privacy modes, sandboxed frames): reading
 * gives null and writing does nothing, so the element works without it.
 */

/** Reads a stored value; null when absent or storage is disabled. */
export function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Stores a value (null removes it); a full or refused storage keeps nothing. */
export function writeStorage(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage can be disabled (privacy modes); the element works without it.
  }
}
