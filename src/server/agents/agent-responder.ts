/**
 * The agent bridge's entry: `createAgentResponder` turns instructions, a model and declarative
 * tools into a `respond` function that runs an OpenAI Agents SDK agent over the thread's history.
 * The SDK (`@openai/agents`, an optional peer) is loaded on the first turn; history, streaming,
 * titles and provider errors live in the neighbouring files.
 */
import type { Agent, ModelProvider, Runner } from '@openai/agents';
import type { JsonObject, JsonValue, ThreadItem, UserMessageItem } from '../../protocol/types.js';
import type { RespondFn } from '../types.js';
import { AgentChatContext, chatContextOf } from './chat-context.js';
import { loadAgentInput, type AgentInputMessage } from './history.js';
import { providerStreamError } from './provider-errors.js';
import { loadAgentsSdk, type AgentsSdk } from './sdk.js';
import { defaultToolProgress, streamAgentRun, type AgentToolCall } from './stream-agent-run.js';
import { cleanTitle, DEFAULT_TITLE_INSTRUCTIONS, titleWhenReady } from './title.js';

/** The model an agent uses when no `model` is given (the Agents SDK's own default). */
export const DEFAULT_AGENT_MODEL = 'gpt-5.4-mini';
/** The model that names threads when no `title.model` is given. */
export const DEFAULT_TITLE_MODEL = 'gpt-5.4-nano';

/** A JSON schema for tool arguments: an object schema (strict unless `additionalProperties` is true). */
export interface ToolParameters {
  type: 'object';
  /** One JSON schema per argument. */
  properties: { [name: string]: JsonObject };
  /** Argument names the model must give; strict tools must list every property. */
  required?: string[];
  /** False (the default) makes the tool strict: the model must follow the schema exactly. */
  additionalProperties?: boolean;
  description?: string;
}

/** The status line shown when a tool is called: a text, a text with an icon, or false for none. */
export type ToolProgress = string | { text: string; icon?: string } | false;

/** A function tool that runs on the server. */
export interface AgentFunctionTool<C = unknown> {
  /** The name the model calls it by. */
  name: string;
  /** Tells the model what the tool does and when to use it. */
  description: string;
  /** Its arguments; defaults to none. */
  parameters?: ToolParameters;
  /** Shown when the model calls the tool; defaults to "Using <name>…". */
  progress?: ToolProgress;
  /**
   * Runs the tool. `ctx` shows progress (`ctx.progress(text)`), fires client effects
   * (`ctx.effect(name, data)`) and reads the thread, request context and store. A string result
   * goes to the model as is, anything else as JSON. A thrown error is reported to the model.
   */
  execute(args: JsonObject, ctx: AgentChatContext<C>): JsonValue | Promise<JsonValue>;
}

/**
 * A client tool: the page runs it (the element's `clientTools` or `stream-chat-client-tool`
 * event). Calling it ends the turn with a pending `client_tool_call`; the page's output starts
 * the next turn, in which the model sees the call and the output.
 */
export interface AgentClientTool {
  /** The name the model calls it by and the page handles. */
  name: string;
  /** Tells the model what the tool returns and when to use it. */
  description: string;
  /** Its arguments; defaults to none. */
  parameters?: ToolParameters;
  /** Shown when the model calls the tool; defaults to "Using <name>…". */
  progress?: ToolProgress;
}

/** Where the model runs: OpenAI or any OpenAI-compatible server. */
export interface AgentModelOptions {
  /** Defaults to the `OPENAI_API_KEY` environment variable. */
  apiKey?: string;
  /** Defaults to `OPENAI_BASE_URL`, else OpenAI. Include the `/v1` of compatible servers. */
  baseURL?: string;
  /** The API to call: `responses` (default) or `chat_completions` for servers without Responses. */
  api?: 'responses' | 'chat_completions';
}

/** An Agents SDK `ModelProvider` (such as `new OpenAIProvider({ openAIClient })`), typed loosely. */
export interface AgentModelProvider {
  getModel(modelName?: string): unknown;
}

/** Options of {@link createAgentResponder}. */
export interface AgentResponderOptions<C = unknown> {
  /** The system prompt, or a function of the turn's context that returns it. */
  instructions: string | ((chat: AgentChatContext<C>) => string | Promise<string>);
  /** The agent's name (shown in traces). Defaults to "Assistant". */
  name?: string;
  /** The model name. Defaults to {@link DEFAULT_AGENT_MODEL}. */
  model?: string;
  /**
   * Models the composer may choose (`inference_options.model` of the user message): a message
   * naming one of them is answered with it; any other choice is ignored and `model` answers.
   * Defaults to none.
   */
  allowedModels?: readonly string[];
  /** Server-side function tools. */
  tools?: AgentFunctionTool<C>[];
  /** Tools the page runs; one call per turn. */
  clientTools?: AgentClientTool[];
  /**
   * Names untitled threads after their first user message with a small model, in parallel
   * with the answer and never holding it back: a title ready during the turn goes out as
   * `thread.updated`; a later one is saved to the store, and `threads.get_by_id` waits for it.
   * `timeoutMs` (15 000 by default) bounds the title model. False turns it off.
   */
  title?: false | { model?: string; instructions?: string; timeoutMs?: number };
  /** Credentials, endpoint and API of the model provider. */
  openai?: AgentModelOptions;
  /** A model provider of your own; `openai` is ignored then. */
  modelProvider?: AgentModelProvider;
  /** Model calls per turn at most (tool rounds included). Defaults to 10. */
  maxTurns?: number;
  /** How many of the newest thread items go to the model. Defaults to 100. */
  historyLimit?: number;
  /** Converts a stored item into model input your way (undefined = the default conversion). */
  convertItem?: (item: ThreadItem) => AgentInputMessage[] | undefined;
  /** Ends a turn with an error when the model and the tools are silent this long. Defaults to 120 000 ms. */
  idleTimeoutMs?: number;
  /** Sends traces to OpenAI's tracing dashboard. Defaults to false. */
  tracing?: boolean;
}

interface Prepared<C> {
  sdk: AgentsSdk;
  runner: Runner;
  agent: Agent<AgentChatContext<C>, 'text'>;
}

/**
 * Creates a respond function that answers with a model through the OpenAI Agents SDK
 * (`@openai/agents`, an optional peer dependency loaded on first use): it sends the thread's
 * history, streams the answer, shows tool calls as progress, runs function tools (which can show
 * progress and fire client effects), pauses for client tools, names new threads, and turns
 * provider errors (auth, rate limit, network, …) into in-band errors the user can read.
 *
 * @example
 * const respond = createAgentResponder({
 *   instructions: 'You are a helpful assistant.',
 *   model: 'gpt-5.4-mini',
 *   tools: [{ name: 'add_marker', description: 'Adds a map marker.', parameters, execute: (args, ctx) => { ctx.effect('add_marker', args); return 'added'; } }],
 *   clientTools: [{ name: 'get_selected_items', description: 'Returns the ids of the selected items.' }],
 * });
 * const server = new ChatKitServer({ store: new MemoryStore(), respond });
 *
 * @param options - Instructions, model, tools and provider settings.
 * @returns A respond function for `ChatKitServer`.
 */
export function createAgentResponder<C = unknown>(options: AgentResponderOptions<C>): RespondFn<C> {
  const tools = options.tools ?? [];
  const clientTools = options.clientTools ?? [];
  checkToolNames([...tools, ...clientTools]);
  const progressByName = new Map<string, ToolProgress | undefined>(
    clientTools.map((tool) => [tool.name, tool.progress]),
  );
  const serverToolNames = new Set(tools.map((tool) => tool.name));
  const toolProgress = (call: AgentToolCall) =>
    // Server tools show their line from inside the tool, so it always precedes the tool's own progress.
    serverToolNames.has(call.name) ? null : progressLine(progressByName.get(call.name), call);
  const title = options.title === false ? undefined : (options.title ?? {});

  const naming = new Set<string>();
  let preparing: Promise<Prepared<C>> | undefined;
  const prepare = () => {
    preparing ??= build(options).catch((error: unknown) => {
      preparing = undefined;
      throw error;
    });
    return preparing;
  };

  return async function* agentResponder(thread, item, ctx) {
    const { sdk, runner, agent } = await prepare();
    const chat = new AgentChatContext(thread, ctx);
    // One title per thread, even when the next message comes before a slow title did.
    const pendingTitle =
      title && item && !thread.title && !naming.has(thread.id)
        ? titleWhenReady(
            thread,
            ctx,
            modelTitle(
              sdk,
              runner,
              {
                model: title.model ?? DEFAULT_TITLE_MODEL,
                instructions: title.instructions ?? DEFAULT_TITLE_INSTRUCTIONS,
                timeoutMs: title.timeoutMs ?? 15_000,
                signal: ctx.signal,
              },
              messageText(item),
            ).finally(() => naming.delete(thread.id)),
          )
        : undefined;
    if (pendingTitle) naming.add(thread.id);
    const abort = new AbortController();
    const chosen = item?.inference_options.model;
    const turnAgent =
      chosen !== undefined && chosen !== agent.model && options.allowedModels?.includes(chosen)
        ? agent.clone({ model: chosen })
        : agent;
    try {
      const input = await loadAgentInput(thread, ctx, { limit: options.historyLimit, convert: options.convertItem });
      const run = await runner.run(turnAgent, input, {
        stream: true,
        context: chat,
        signal: AbortSignal.any([ctx.signal, abort.signal]),
        maxTurns: options.maxTurns ?? 10,
      });
      yield* streamAgentRun(chat, run, {
        clientTools: clientTools.map((tool) => tool.name),
        toolProgress,
        idleTimeoutMs: options.idleTimeoutMs,
        abort,
      });
    } catch (error) {
      throw providerStreamError(error) ?? error;
    } finally {
      abort.abort();
      // Also when the server closes the turn at a pending client tool call: the title is not lost.
      pendingTitle?.turnEnded();
    }
  };
}

async function build<C>(options: AgentResponderOptions<C>): Promise<Prepared<C>> {
  const sdk = await loadAgentsSdk();
  const settings = options.openai ?? {};
  const modelProvider = options.modelProvider
    ? // A provider the caller built with the SDK; typed loosely so the kit's types never need the SDK.
      (options.modelProvider as ModelProvider)
    : new sdk.OpenAIProvider({
        apiKey: settings.apiKey,
        baseURL: settings.baseURL,
        useResponses: settings.api !== 'chat_completions',
      });
  const runner = new sdk.Runner({ modelProvider, tracingDisabled: options.tracing !== true });
  const { instructions } = options;
  const clientTools = options.clientTools ?? [];
  const agent = new sdk.Agent<AgentChatContext<C>>({
    name: options.name ?? 'Assistant',
    model: options.model ?? DEFAULT_AGENT_MODEL,
    instructions:
      typeof instructions === 'string' ? instructions : (runContext) => instructions(chatContextOf<C>(runContext)),
    tools: [
      ...(options.tools ?? []).map((tool) => functionTool(sdk, tool)),
      ...clientTools.map((tool) =>
        sdkTool<C>(
          sdk,
          tool,
          async () =>
            // Never seen by the model: the turn stops here and the page's output replaces it.
            'Waiting for the page to answer.',
        ),
      ),
    ],
    toolUseBehavior:
      clientTools.length > 0 ? { stopAtToolNames: clientTools.map((tool) => tool.name) } : 'run_llm_again',
  });
  return { sdk, runner, agent };
}

function functionTool<C>(sdk: AgentsSdk, tool: AgentFunctionTool<C>) {
  return sdkTool<C>(sdk, tool, async (args, chat) => {
    const line = progressLine(tool.progress, { name: tool.name, kind: 'function', arguments: args });
    if (line) chat.progress(line.text, line.icon);
    const result = await tool.execute(args, chat);
    return typeof result === 'string' ? result : JSON.stringify(result);
  });
}

function sdkTool<C>(
  sdk: AgentsSdk,
  spec: { name: string; description: string; parameters?: ToolParameters },
  run: (args: JsonObject, chat: AgentChatContext<C>) => Promise<string>,
) {
  const parameters = spec.parameters ?? { type: 'object', properties: {} };
  const base = { type: 'object' as const, properties: parameters.properties, required: parameters.required ?? [] };
  const description = parameters.description === undefined ? base : { ...base, description: parameters.description };
  const execute = (input: unknown, runContext?: { readonly context: unknown }) =>
    run(asObject(input), chatContextOf<C>(runContext));
  return parameters.additionalProperties === true
    ? sdk.tool({
        name: spec.name,
        description: spec.description,
        parameters: { ...description, additionalProperties: true },
        strict: false,
        execute,
      })
    : sdk.tool({
        name: spec.name,
        description: spec.description,
        parameters: { ...description, additionalProperties: false },
        strict: true,
        execute,
      });
}

/**
 * Asks a small model for a thread title (like chatkit-python's TitleAgent); resolves undefined
 * when it fails, times out or answers nothing usable, so a title never breaks a response.
 */
async function modelTitle(
  sdk: AgentsSdk,
  runner: Runner,
  options: { model: string; instructions: string; timeoutMs: number; signal: AbortSignal },
  firstMessage: string,
): Promise<string | undefined> {
  if (firstMessage.trim() === '') return undefined;
  const agent = new sdk.Agent({ name: 'Title', instructions: options.instructions, model: options.model });
  try {
    const result = await runner.run(agent, firstMessage, {
      signal: AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]),
      maxTurns: 1,
    });
    const output: unknown = result.finalOutput;
    return typeof output === 'string' ? cleanTitle(output) : undefined;
  } catch {
    return undefined;
  }
}

function progressLine(progress: ToolProgress | undefined, call: AgentToolCall): { text: string; icon?: string } | null {
  if (progress === false) return null;
  if (progress === undefined) return { text: defaultToolProgress(call) };
  return typeof progress === 'string' ? { text: progress } : progress;
}

function checkToolNames(tools: { name: string }[]): void {
  const seen = new Set<string>();
  for (const { name } of tools) {
    if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name))
      throw new TypeError(`Invalid tool name "${name}": use 1-64 letters, digits, _ or -.`);
    if (seen.has(name)) throw new TypeError(`Two tools are named "${name}".`);
    seen.add(name);
  }
}

function asObject(input: unknown): JsonObject {
  const value: unknown = typeof input === 'string' ? safeParse(input) : input;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function messageText(item: UserMessageItem): string {
  return item.content
    .map((part) => part.text)
    .join(' ')
    .trim();
}
