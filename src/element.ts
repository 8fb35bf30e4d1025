/**
 * The `stream-chat-element/element` entry: the class and types, without registering the tag.
 */
export { StreamChatElement } from './stream-chat.js';
export { StreamChatError, type ErrorCode } from './errors.js';
export type { ClientToolHandler } from './controllers/client-tools.js';
export { defineLocale, type RichStrings, type Strings } from './i18n.js';
export { EVENT_NAMES } from './events.js';
export type * from './events.js';
export type * from './protocol/types.js';
