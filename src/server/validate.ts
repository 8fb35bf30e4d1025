/**
 * Checks a parsed request body against the ChatKit request union (chatkit-python's `ChatKitReq`
 * in chatkit/types.py) and returns a typed copy with only the known fields, within limits on
 * nesting, title length, message parts and id length; anything else is a 400 naming the field.
 */
import type {
  Action,
  ChatKitRequest,
  InferenceOptions,
  JsonObject,
  JsonValue,
  ListParams,
  StructuredAnswer,
  StructuredInputSubmission,
  UserMessageContent,
  UserMessageInput,
} from '../protocol/types.js';
import { ChatKitRequestError } from './errors.js';

type Fields = Record<string, unknown>;

/** Bounds on what one request may carry; each has a default in {@link DEFAULT_REQUEST_LIMITS}. */
export interface RequestLimits {
  /** Deepest nesting of objects and arrays in a body (the body itself is level 1). */
  maxDepth: number;
  /** Longest thread title `threads.update` accepts, in UTF-16 code units. */
  maxTitleLength: number;
  /** Most content parts, and most attachments, in one user message. */
  maxMessageParts: number;
  /** Longest thread, item or attachment id a request may name. */
  maxIdLength: number;
}

/** The limits a request is held to unless the handler (or `process()`) is given others. */
export const DEFAULT_REQUEST_LIMITS: Readonly<RequestLimits> = Object.freeze({
  maxDepth: 64,
  maxTitleLength: 256,
  maxMessageParts: 64,
  maxIdLength: 256,
});

function invalid(path: string, expected: string): never {
  throw new ChatKitRequestError(400, 'invalid_request', `${path}: expected ${expected}`);
}

function object(value: unknown, path: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(path, 'an object');
  return value as Fields;
}

function string(value: unknown, path: string): string {
  if (typeof value !== 'string') invalid(path, 'a string');
  return value;
}

/** Missing and null both mean "absent", as in chatkit-python. */
function optional<T>(value: unknown, path: string, read: (value: unknown, path: string) => T): T | undefined {
  return value === undefined || value === null ? undefined : read(value, path);
}

function boolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') invalid(path, 'a boolean');
  return value;
}

function strings(value: unknown, path: string): string[] {
  if (!Array.isArray(value)) invalid(path, 'an array of strings');
  return value.map((entry, index) => string(entry, `${path}[${index}]`));
}

function oneOf<T extends string>(value: unknown, path: string, choices: readonly T[]): T {
  const found = choices.find((choice) => choice === value);
  if (found === undefined) invalid(path, choices.map((choice) => `"${choice}"`).join(' or '));
  return found;
}

function json(value: unknown, path: string): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (Array.isArray(value)) return value.map((entry, index) => json(entry, `${path}[${index}]`));
  return jsonObject(value, path);
}

function jsonObject(value: unknown, path: string): JsonObject {
  const fields = object(value, path);
  const out: JsonObject = {};
  for (const [key, field] of Object.entries(fields)) out[key] = json(field, `${path}.${key}`);
  return out;
}

function content(value: unknown, path: string): UserMessageContent {
  const fields = object(value, path);
  const type = oneOf(fields.type, `${path}.type`, ['input_text', 'input_tag'] as const);
  if (type === 'input_text') return { type, text: string(fields.text, `${path}.text`) };
  return {
    type,
    id: string(fields.id, `${path}.id`),
    text: string(fields.text, `${path}.text`),
    data: optional(fields.data, `${path}.data`, jsonObject) ?? {},
    group: optional(fields.group, `${path}.group`, string),
    interactive: optional(fields.interactive, `${path}.interactive`, boolean),
  };
}

function inferenceOptions(value: unknown, path: string): InferenceOptions {
  const fields = object(value, path);
  const toolChoice = optional(fields.tool_choice, `${path}.tool_choice`, object);
  return {
    tool_choice: toolChoice && { id: string(toolChoice.id, `${path}.tool_choice.id`) },
    model: optional(fields.model, `${path}.model`, string),
  };
}

function readUserInput(value: unknown, path: string, limits: RequestLimits): UserMessageInput {
  const fields = object(value, path);
  if (!Array.isArray(fields.content)) invalid(`${path}.content`, 'an array');
  const attachments = strings(fields.attachments, `${path}.attachments`);
  const most = limits.maxMessageParts;
  if (fields.content.length > most) invalid(`${path}.content`, `at most ${most} parts`);
  if (attachments.length > most) invalid(`${path}.attachments`, `at most ${most} attachments`);
  return {
    content: fields.content.map((part, index) => content(part, `${path}.content[${index}]`)),
    attachments,
    quoted_text: optional(fields.quoted_text, `${path}.quoted_text`, string),
    inference_options: inferenceOptions(fields.inference_options, `${path}.inference_options`),
  };
}

function answer(value: unknown, path: string): StructuredAnswer {
  const fields = object(value, path);
  return {
    values: optional(fields.values, `${path}.values`, strings) ?? [],
    skipped: optional(fields.skipped, `${path}.skipped`, boolean) ?? false,
  };
}

function submission(value: unknown, path: string): StructuredInputSubmission {
  const fields = object(value, path);
  const answers: Record<string, StructuredAnswer> = {};
  for (const [id, entry] of Object.entries(optional(fields.answers, `${path}.answers`, object) ?? {})) {
    answers[id] = answer(entry, `${path}.answers.${id}`);
  }
  return {
    status: optional(fields.status, `${path}.status`, (v, p) => oneOf(v, p, ['answered', 'skipped'] as const)),
    answers,
  };
}

function action(value: unknown, path: string): Action {
  const fields = object(value, path);
  return { type: string(fields.type, `${path}.type`), payload: optional(fields.payload, `${path}.payload`, json) };
}

function title(value: unknown, max: number): string {
  const text = string(value, 'params.title');
  if (text.length > max) invalid('params.title', `a title of at most ${max} characters`);
  return text;
}

function definedOnly(limits: Partial<RequestLimits>): Partial<RequestLimits> {
  return Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined));
}

function count(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) invalid(path, 'a non-negative integer');
  return value;
}

function listParams(fields: Fields): ListParams {
  return {
    limit: optional(fields.limit, 'params.limit', count),
    order: optional(fields.order, 'params.order', (v, p) => oneOf(v, p, ['asc', 'desc'] as const)),
    after: optional(fields.after, 'params.after', string),
  };
}

/**
 * Refuses a body nested deeper than `max` before anything recurses into it: every later step
 * (validation, storage, serialisation) would otherwise hit the stack limit, now or when the
 * thread is read again. Iterative, so the check itself cannot overflow.
 */
function checkDepth(body: unknown, max: number): void {
  const stack: { value: unknown; depth: number }[] = [{ value: body, depth: 1 }];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const { value, depth } = entry;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > max)
      throw new ChatKitRequestError(400, 'invalid_request', `body: expected at most ${max} levels of nesting`);
    for (const child of Array.isArray(value) ? value : Object.values(value))
      stack.push({ value: child, depth: depth + 1 });
  }
}

/**
 * Checks an already-parsed request body against the ChatKit request union and returns a typed
 * copy holding only the known fields; optional fields sent as null come back undefined.
 *
 * @param body - The parsed JSON body.
 * @param limits - Bounds on nesting, titles, message parts and ids; missing ones take
 *   {@link DEFAULT_REQUEST_LIMITS}.
 * @throws {ChatKitRequestError} 400 `invalid_request`, naming the first offending field (never
 *   echoing its value).
 */
export function parseRequest(body: unknown, limits: Partial<RequestLimits> = {}): ChatKitRequest {
  const bounds: RequestLimits = { ...DEFAULT_REQUEST_LIMITS, ...definedOnly(limits) };
  checkDepth(body, bounds.maxDepth);
  const fields = object(body, 'body');
  const type = string(fields.type, 'type');
  const p = object(fields.params, 'params');
  const metadata = optional(fields.metadata, 'metadata', jsonObject);
  const id = (value: unknown, path: string): string => {
    const text = string(value, path);
    if (text.length > bounds.maxIdLength) invalid(path, `an id of at most ${bounds.maxIdLength} characters`);
    return text;
  };
  const threadId = (): string => id(p.thread_id, 'params.thread_id');
  const ids = (value: unknown, path: string): string[] => {
    if (!Array.isArray(value)) invalid(path, 'an array of strings');
    return value.map((entry, index) => id(entry, `${path}[${index}]`));
  };
  const userInput = (value: unknown, path: string) => readUserInput(value, path, bounds);
  switch (type) {
    case 'threads.create':
      return { type, params: { input: userInput(p.input, 'params.input') }, metadata };
    case 'threads.add_user_message':
      return { type, params: { thread_id: threadId(), input: userInput(p.input, 'params.input') }, metadata };
    case 'threads.add_client_tool_output':
      if (!('result' in p)) invalid('params.result', 'a JSON value');
      return { type, params: { thread_id: threadId(), result: json(p.result, 'params.result') }, metadata };
    case 'threads.add_structured_input':
      return {
        type,
        params: {
          thread_id: threadId(),
          item_id: id(p.item_id, 'params.item_id'),
          input: submission(p.input, 'params.input'),
        },
        metadata,
      };
    case 'threads.retry_after_item':
      return { type, params: { thread_id: threadId(), item_id: id(p.item_id, 'params.item_id') }, metadata };
    case 'threads.custom_action':
    case 'threads.sync_custom_action':
      return {
        type,
        params: {
          thread_id: threadId(),
          item_id: optional(p.item_id, 'params.item_id', id) ?? null,
          action: action(p.action, 'params.action'),
        },
        metadata,
      };
    case 'threads.get_by_id':
    case 'threads.delete':
      return { type, params: { thread_id: threadId() }, metadata };
    case 'threads.list':
      return { type, params: listParams(p), metadata };
    case 'items.list':
      return { type, params: { ...listParams(p), thread_id: threadId() }, metadata };
    case 'threads.update':
      return { type, params: { thread_id: threadId(), title: title(p.title, bounds.maxTitleLength) }, metadata };
    case 'items.feedback':
      return {
        type,
        params: {
          thread_id: threadId(),
          item_ids: ids(p.item_ids, 'params.item_ids'),
          kind: oneOf(p.kind, 'params.kind', ['positive', 'negative'] as const),
        },
        metadata,
      };
    case 'attachments.create':
      return {
        type,
        params: {
          name: string(p.name, 'params.name'),
          size: count(p.size, 'params.size'),
          mime_type: string(p.mime_type, 'params.mime_type'),
        },
        metadata,
      };
    case 'attachments.delete':
      return { type, params: { attachment_id: id(p.attachment_id, 'params.attachment_id') }, metadata };
    case 'input.transcribe':
      return {
        type,
        params: {
          audio_base64: string(p.audio_base64, 'params.audio_base64'),
          mime_type: string(p.mime_type, 'params.mime_type'),
        },
        metadata,
      };
    default:
      throw new ChatKitRequestError(400, 'invalid_request', `type: unknown request type "${type}"`);
  }
}
