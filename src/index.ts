/**
 * The `stream-chat-element` entry: registers `<stream-chat>` (once, even if two copies load)
 * and re-exports the public API.
 */
import { StreamChatElement } from './stream-chat.js';

export * from './element.js';

if (typeof customElements !== 'undefined' && !customElements.get('stream-chat')) {
  customElements.define('stream-chat', StreamChatElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'stream-chat': StreamChatElement;
  }
}
