/**
 * The agent bridge of the server kit: answers ChatKit turns with a model through the OpenAI
 * Agents SDK (`@openai/agents`, an optional peer dependency that is imported only when a bridge
 * runs). High level: {@link createAgentResponder} (and the demo pages' {@link createModelDemoAgent});
 * building blocks for your own SDK agents: {@link AgentChatContext}, {@link streamAgentRun},
 * {@link loadAgentInput} and {@link providerStreamError}.
 *
 * @module
 */
export {
  createAgentResponder,
  DEFAULT_AGENT_MODEL,
  DEFAULT_TITLE_MODEL,
  type AgentClientTool,
  type AgentFunctionTool,
  type AgentModelOptions,
  type AgentModelProvider,
  type AgentResponderOptions,
  type ToolParameters,
  type ToolProgress,
} from './agent-responder.js';
export { AgentChatContext, chatContextOf } from './chat-context.js';
export {
  DEFAULT_HISTORY_LIMIT,
  loadAgentInput,
  threadItemsToAgentInput,
  type AgentInputMessage,
  type AgentUserContent,
  type AgentInputOptions,
  type LoadAgentInputOptions,
} from './history.js';
export { createModelDemoAgent, MODEL_DEMO_INSTRUCTIONS, type ModelDemoAgentOptions } from './model-demo-agent.js';
export { PROVIDER_ERROR_MESSAGES, providerStreamError } from './provider-errors.js';
export { checkAgentsSdk, MISSING_SDK_MESSAGE } from './peer.js';
export {
  defaultToolProgress,
  IDLE_TIMEOUT_MESSAGE,
  streamAgentRun,
  type AgentRun,
  type AgentRunEvent,
  type AgentToolCall,
  type StreamAgentRunOptions,
} from './stream-agent-run.js';
export { cleanTitle, DEFAULT_TITLE_INSTRUCTIONS } from './title.js';
export { createOpenAITranscriber, DEFAULT_TRANSCRIPTION_MODEL, type OpenAITranscriberOptions } from './transcriber.js';
