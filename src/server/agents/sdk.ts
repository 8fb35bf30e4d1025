/**
 * Loads the optional `@openai/agents` peer once, on first use, so the server kit works without
 * it installed; its type is named only here and in files the kit's public declarations never
 * reach.
 */
import { importPeer } from './peer.js';

/**
 * The `@openai/agents` module as the bridge uses it. Internal: only files that the kit's public
 * declarations never reach may name it, so consumers type-check without the SDK installed.
 */
export type AgentsSdk = typeof import('@openai/agents');

let loading: Promise<AgentsSdk> | undefined;

/** Loads `@openai/agents` once (a dynamic `import()`); a failed load is tried again next time. */
export function loadAgentsSdk(): Promise<AgentsSdk> {
  loading ??= importPeer<AgentsSdk>('@openai/agents').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
