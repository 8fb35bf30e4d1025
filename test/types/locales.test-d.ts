/**
 * Type tests for the built-in locales' lists: one string per key of `KEYS`, so a locale with a
 * string missing or one too many fails to compile, and `KEYS` names only keys of `Strings`.
 */
import de from '../../src/locales/de.js';
import type { StringKey, StringList } from '../../src/locales/keys.js';

// @ts-expect-error a list one string short does not compile
const short: StringList = de.slice(1);

// @ts-expect-error a list with one string too many does not compile
const long: StringList = [...de, 'extra'];

const full: StringList = [...de];

// @ts-expect-error a key `Strings` does not have is not a StringKey
const made: StringKey = 'errors.made_up';

const nested: StringKey = 'rich.submit';

export { short, long, full, made, nested };
