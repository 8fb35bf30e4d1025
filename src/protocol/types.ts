/**
 * Wire types of the ChatKit protocol (chatkit-python 1.6.5, @openai/chatkit 1.9.0).
 *
 * Types only: the server kit imports this file with `import type`, so it must never gain
 * runtime code. Optional fields may be missing on the wire (the Python server omits nulls),
 * so every optional field is typed `?:` and readers treat missing as absent.
 */

/** A JSON value, as carried by effects, client tools and metadata. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

// ---------------------------------------------------------------------------------------------
// Threads

/** The status of a thread; `locked` disables the composer, `closed` replaces it. */
export type ThreadStatus =
  { type: 'active' } | { type: 'locked'; reason?: string } | { type: 'closed'; reason?: string };

/** A page of a paginated list; `after` is the cursor for the next page. */
export interface Page<T> {
  data: T[];
  has_more: boolean;
  after?: string;
}

/** A thread without its items. */
export interface ThreadMetadata {
  id: string;
  created_at: string;
  title?: string;
  status: ThreadStatus;
  allowed_image_domains?: string[];
  metadata: JsonObject;
}

/** A thread with the first page of its items. */
export interface Thread extends ThreadMetadata {
  items: Page<ThreadItem>;
}

// ---------------------------------------------------------------------------------------------
// Items

/** Fields every thread item carries. */
export interface ItemBase {
  id: string;
  thread_id: string;
  created_at: string;
}

/** Plain text typed by the user. */
export interface InputText {
  type: 'input_text';
  text: string;
}

/** An entity @-mention in a user message. */
export interface InputTag {
  type: 'input_tag';
  id: string;
  text: string;
  data: JsonObject;
  group?: string;
  interactive?: boolean;
}

/** One part of a user message. */
export type UserMessageContent = InputText | InputTag;

/** Per-message inference options chosen in the composer. */
export interface InferenceOptions {
  tool_choice?: { id: string };
  model?: string;
}

/** How the client uploads an attachment's bytes (two-phase upload). */
export interface UploadDescriptor {
  url: string;
  method: 'POST' | 'PUT';
  headers: Record<string, string>;
}

/** A file attached to a user message. */
export interface FileAttachment {
  type: 'file';
  id: string;
  name: string;
  mime_type: string;
  upload_descriptor?: UploadDescriptor;
  thread_id?: string;
}

/** An image attached to a user message. */
export interface ImageAttachment extends Omit<FileAttachment, 'type'> {
  type: 'image';
  preview_url: string;
}

/** An attachment as the server returns it. */
export type Attachment = FileAttachment | ImageAttachment;

/** A message the user sent. */
export interface UserMessageItem extends ItemBase {
  type: 'user_message';
  content: UserMessageContent[];
  attachments: Attachment[];
  quoted_text?: string;
  inference_options: InferenceOptions;
}

/** Where a citation points. */
export type Source =
  | {
      type: 'url';
      title: string;
      url: string;
      attribution?: string;
      description?: string;
      timestamp?: string;
      group?: string;
    }
  | { type: 'file'; title: string; filename: string; description?: string; timestamp?: string; group?: string }
  | {
      type: 'entity';
      title: string;
      id: string;
      icon?: string;
      label?: string;
      inline_label?: string;
      interactive?: boolean;
      data?: JsonObject;
      description?: string;
      timestamp?: string;
      group?: string;
    };

/** A citation attached to assistant text; `index` is a character offset. */
export interface Annotation {
  type: 'annotation';
  source: Source;
  index?: number;
}

/** One part of an assistant message. */
export interface AssistantMessageContent {
  type: 'output_text';
  text: string;
  annotations: Annotation[];
}

/** A reply from the assistant; its text is markdown. */
export interface AssistantMessageItem extends ItemBase {
  type: 'assistant_message';
  content: AssistantMessageContent[];
}

/** The server asks the page for something; the turn pauses until the output is posted. */
export interface ClientToolCallItem extends ItemBase {
  type: 'client_tool_call';
  status: 'pending' | 'completed';
  call_id: string;
  name: string;
  arguments: JsonObject;
  output?: JsonValue;
}

/** A node of a widget tree; `children` is one node for a `Transition`, a list otherwise. */
export interface WidgetNode {
  type: string;
  id?: string;
  key?: string;
  children?: WidgetNode[] | WidgetNode | null;
  [prop: string]: unknown;
}

/** A server-built widget card. */
export interface WidgetItem extends ItemBase {
  type: 'widget';
  widget: WidgetNode;
  copy_text?: string;
}

/** An image produced by a model. */
export interface GeneratedImageItem extends ItemBase {
  type: 'generated_image';
  image?: { id: string; url: string };
}

/** A question the server asks in a structured form. */
export type StructuredInput =
  | {
      type: 'multiple_choice';
      id: string;
      question: string;
      options: { value: string }[];
      multiple: boolean;
      answer?: StructuredAnswer;
    }
  | { type: 'freeform'; id: string; question: string; description?: string; answer?: StructuredAnswer };

/** An answer to one structured input. */
export interface StructuredAnswer {
  values: string[];
  skipped: boolean;
}

/** A set of questions that replaces the composer until answered. */
export interface StructuredInputItem extends ItemBase {
  type: 'structured_input';
  status: 'pending' | 'answered' | 'skipped';
  inputs: StructuredInput[];
}

/** A unit of visible work (search, thought, file lookup). */
export type Task = { status_indicator?: 'none' | 'loading' | 'complete' } & (
  | { type: 'custom'; title?: string; icon?: string; content?: string }
  | { type: 'web_search'; title?: string; title_query?: string; queries: string[]; sources: Source[] }
  | { type: 'thought'; title?: string; content: string }
  | { type: 'file'; title?: string; sources: Source[] }
  | { type: 'image'; title?: string }
);

/** A standalone task card. */
export interface TaskItem extends ItemBase {
  type: 'task';
  task: Task;
}

/** A group of tasks (reasoning or custom). */
export interface WorkflowItem extends ItemBase {
  type: 'workflow';
  workflow: {
    type: 'custom' | 'reasoning';
    tasks: Task[];
    summary?: { title: string; icon?: string } | { duration: number };
    expanded: boolean;
  };
}

/** Marks the end of an assistant turn. */
export interface EndOfTurnItem extends ItemBase {
  type: 'end_of_turn';
}

/** Server-only context; filtered before it reaches a client. */
export interface HiddenContextItem extends ItemBase {
  type: 'hidden_context_item' | 'sdk_hidden_context';
  content?: unknown;
}

/** Every item a thread can hold. */
export type ThreadItem =
  | UserMessageItem
  | AssistantMessageItem
  | ClientToolCallItem
  | WidgetItem
  | GeneratedImageItem
  | StructuredInputItem
  | TaskItem
  | WorkflowItem
  | EndOfTurnItem
  | HiddenContextItem;

// ---------------------------------------------------------------------------------------------
// Item updates

/** An incremental change to a pending item. */
export type ThreadItemUpdate =
  | { type: 'assistant_message.content_part.added'; content_index: number; content: AssistantMessageContent }
  | { type: 'assistant_message.content_part.text_delta'; content_index: number; delta: string }
  | {
      type: 'assistant_message.content_part.annotation_added';
      content_index: number;
      annotation_index: number;
      annotation: Annotation;
    }
  | { type: 'assistant_message.content_part.done'; content_index: number; content: AssistantMessageContent }
  | { type: 'widget.streaming_text.value_delta'; component_id: string; delta: string; done: boolean }
  | { type: 'widget.root.updated'; widget: WidgetNode }
  | { type: 'widget.component.updated'; component_id: string; component: WidgetNode }
  | { type: 'workflow.task.added'; task_index: number; task: Task }
  | { type: 'workflow.task.updated'; task_index: number; task: Task }
  | { type: 'generated_image.updated'; image: { id: string; url: string }; progress?: number };

// ---------------------------------------------------------------------------------------------
// Stream events

/** Error codes of in-band errors; the enum is open. */
export type ErrorCode = 'stream.error' | 'custom' | (string & {});

/** Every event a streaming response can carry (one `data:` line each). */
export type ThreadStreamEvent =
  | { type: 'thread.created'; thread: Thread }
  | { type: 'thread.updated'; thread: Thread }
  | { type: 'thread.item.added'; item: ThreadItem }
  | { type: 'thread.item.updated'; item_id: string; update: ThreadItemUpdate }
  | { type: 'thread.item.done'; item: ThreadItem }
  | { type: 'thread.item.removed'; item_id: string }
  | { type: 'thread.item.replaced'; item: ThreadItem }
  | { type: 'stream_options'; stream_options: { allow_cancel: boolean } }
  | { type: 'progress_update'; icon?: string; text: string }
  | { type: 'error'; code: ErrorCode; message?: string; allow_retry: boolean }
  | { type: 'notice'; level: 'info' | 'warning' | 'danger'; message: string; title?: string }
  | { type: 'client_effect'; name: string; data: JsonObject };

/** The `type` of every known stream event. */
export type ThreadStreamEventType = ThreadStreamEvent['type'];

// ---------------------------------------------------------------------------------------------
// Requests

/** What the user sends. `attachments` and `inference_options` are required on the wire. */
export interface UserMessageInput {
  content: UserMessageContent[];
  attachments: string[];
  quoted_text?: string;
  inference_options: InferenceOptions;
}

/** Answers to a `structured_input` item. */
export interface StructuredInputSubmission {
  status?: 'answered' | 'skipped';
  answers: Record<string, StructuredAnswer>;
}

/** A widget or client-sent action. */
export interface Action {
  type: string;
  payload?: JsonValue;
}

/** Pagination parameters of the list requests. */
export interface ListParams {
  limit?: number;
  order?: 'asc' | 'desc';
  after?: string;
}

/** Requests answered with a server-sent event stream. */
export type StreamingRequest =
  | { type: 'threads.create'; params: { input: UserMessageInput }; metadata?: JsonObject }
  | { type: 'threads.add_user_message'; params: { thread_id: string; input: UserMessageInput }; metadata?: JsonObject }
  | { type: 'threads.add_client_tool_output'; params: { thread_id: string; result: JsonValue }; metadata?: JsonObject }
  | {
      type: 'threads.add_structured_input';
      params: { thread_id: string; item_id: string; input: StructuredInputSubmission };
      metadata?: JsonObject;
    }
  | { type: 'threads.retry_after_item'; params: { thread_id: string; item_id: string }; metadata?: JsonObject }
  | {
      type: 'threads.custom_action';
      params: { thread_id: string; item_id: string | null; action: Action };
      metadata?: JsonObject;
    };

/** Requests answered with one JSON body. */
export type NonStreamingRequest =
  | { type: 'threads.get_by_id'; params: { thread_id: string }; metadata?: JsonObject }
  | { type: 'threads.list'; params: ListParams; metadata?: JsonObject }
  | { type: 'items.list'; params: ListParams & { thread_id: string }; metadata?: JsonObject }
  | { type: 'threads.update'; params: { thread_id: string; title: string }; metadata?: JsonObject }
  | { type: 'threads.delete'; params: { thread_id: string }; metadata?: JsonObject }
  | {
      type: 'items.feedback';
      params: { thread_id: string; item_ids: string[]; kind: 'positive' | 'negative' };
      metadata?: JsonObject;
    }
  | { type: 'attachments.create'; params: { name: string; size: number; mime_type: string }; metadata?: JsonObject }
  | { type: 'attachments.delete'; params: { attachment_id: string }; metadata?: JsonObject }
  | { type: 'input.transcribe'; params: { audio_base64: string; mime_type: string }; metadata?: JsonObject }
  | {
      type: 'threads.sync_custom_action';
      params: { thread_id: string; item_id: string | null; action: Action };
      metadata?: JsonObject;
    };

/** Any ChatKit request. */
export type ChatKitRequest = StreamingRequest | NonStreamingRequest;

/** The JSON body each non-streaming request type answers with. */
export interface NonStreamingResponses {
  'threads.get_by_id': Thread;
  'threads.list': Page<Thread>;
  'items.list': Page<ThreadItem>;
  'threads.update': Thread;
  'threads.delete': Record<string, never>;
  'items.feedback': Record<string, never>;
  'attachments.create': Attachment;
  'attachments.delete': Record<string, never>;
  'input.transcribe': { text: string };
  'threads.sync_custom_action': { updated_item?: ThreadItem };
}
