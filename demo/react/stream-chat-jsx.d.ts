/**
 * Lets TSX type-check <stream-chat>: its properties as props, and its events as
 * `onstream-chat-*` props, which React 19 attaches with `addEventListener('stream-chat-*')`.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { StreamChatElement, StreamChatEventMap } from 'stream-chat-element';

type StreamChatProperties = Partial<
  Pick<
    StreamChatElement,
    | 'apiUrl'
    | 'threadId'
    | 'rememberThread'
    | 'history'
    | 'greeting'
    | 'locale'
    | 'theme'
    | 'clientToolTimeout'
    | 'headers'
    | 'fetch'
    | 'clientTools'
  >
>;

type StreamChatEventProps = {
  [K in keyof StreamChatEventMap as `on${K}`]?: (event: CustomEvent<StreamChatEventMap[K]>) => void;
};

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'stream-chat': DetailedHTMLProps<HTMLAttributes<StreamChatElement>, StreamChatElement> &
        StreamChatProperties &
        StreamChatEventProps;
    }
  }
}
