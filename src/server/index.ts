/**
 * The Node server kit of `<stream-chat>` (`stream-chat-element/server`): a ChatKit protocol
 * server (chatkit-python 1.6.5 on the wire), a node:http handler, stores, respond helpers and the
 * built-in demo agent. It loads nothing from the browser code at runtime.
 *
 * @example
 * import http from 'node:http';
 * import { ChatKitServer, MemoryStore, createChatKitHandler, createDemoAgent } from 'stream-chat-element/server';
 *
 * const server = new ChatKitServer({ store: new MemoryStore(), respond: createDemoAgent() });
 * http.createServer(createChatKitHandler(server)).listen(8787);
 *
 * @module
 */
export { ChatKitServer } from './chatkit-server.js';
export { DEFAULT_PAGE_SIZE } from './requests.js';
// Every type of the server's options, hooks and results (types.ts holds only these).
export type * from './types.js';
export { saveCancelledTurn } from './turn.js';
export { createChatKitHandler, type ChatKitHandler, type ChatKitHandlerOptions } from './handler.js';
export type { AllowedOrigins } from './request-guard.js';
export { ChatKitRequestError, CustomStreamError, StreamError } from './errors.js';
export {
  contextUserId,
  defaultId,
  itemIdPrefix,
  ThreadNotFoundError,
  type FeedbackKind,
  type ItemKind,
  type Order,
  type Store,
} from './store.js';
export { timeOf, Timeline, type Timed } from './timeline.js';
export { MemoryStore } from './memory-store.js';
export {
  publicAttachment,
  type AttachmentCreateParams,
  type AttachmentFile,
  type AttachmentRecord,
  type AttachmentRecords,
  type AttachmentStore,
  type IncomingUpload,
  type StoredAttachment,
} from './attachment-store.js';
export {
  DEFAULT_ACCEPTED_TYPES,
  FileAttachmentStore,
  mediaType,
  type FileAttachmentStoreOptions,
} from './file-attachment-store.js';
export { audioInput, type AudioInput, type TranscribeFn, type TranscriptionResult } from './transcribe.js';
export { FileStore, type FileStoreOptions } from './file-store.js';
export { DEFAULT_POOL_SIZE, PostgresStore, type PostgresStoreOptions } from './postgres-store.js';
export {
  clientEffect,
  clientToolCall,
  notice,
  progress,
  streamAssistantText,
  type ClientEffectEvent,
  type ItemDoneEvent,
  type NoticeEvent,
  type ProgressEvent,
} from './respond-helpers.js';
export { DEMO_TRANSCRIPT, demoTranscribe, describeReceived } from './demo-received.js';
export { demoWidgetAction, demoWidgetSyncAction } from './demo-widgets.js';
export { createDemoAgent, DEMO_COMMANDS, demoTitle, type DemoAgentOptions, type DemoCommand } from './demo-agent.js';
export { encodeSseEvent, SSE_HEADERS, toWire } from './wire.js';
export { DEFAULT_REQUEST_LIMITS, parseRequest, type RequestLimits } from './validate.js';
export * from './agents/index.js';
export * as widgets from './widgets/builders.js';
export {
  diffWidget,
  streamWidget,
  type StreamWidgetOptions,
  type WidgetInput,
  type WidgetUpdate,
} from './widgets/stream.js';
export type * from './widgets/schema.js';
