// Types of test/support/chromium.js (plain JavaScript, shared with the test runner config and the benches).

export const CHROMIUM_FLAGS: string[];
export function findChromium(): string;
