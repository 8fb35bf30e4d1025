/**
 * Type tests for error codes: one `ErrorCode` union types the locale tables, `StreamChatError`
 * and the `stream-chat-error` detail, so a locale without a message for a code fails to compile.
 */
import { StreamChatError, type ErrorCode, type Strings } from '../../src/element.js';

declare const english: Strings;

const { offline: _offline, ...withoutOffline } = english.errors;
// @ts-expect-error a locale missing an error message does not compile
const incomplete: Strings = { ...english, errors: withoutOffline };

// @ts-expect-error an error code the element does not know is not an ErrorCode
const made: ErrorCode = 'made_up';

const code: ErrorCode = new StreamChatError('busy', 'Wait', false).code;

export { incomplete, made, code };
