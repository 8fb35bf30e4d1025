/**
 * Optional peer dependencies are imported on first use, so `stream-chat-element/server` loads and
 * runs without them until an agent bridge is used. This file names no SDK type: it is reachable
 * from the kit's public declarations.
 */

/** The message thrown (and given to `ChatKitServer`'s `onError`) when the SDK is not installed. */
export const MISSING_SDK_MESSAGE =
  'The agent bridge of stream-chat-element/server needs the optional peer dependency @openai/agents. ' +
  'Install it next to the server kit: npm install @openai/agents zod';

/**
 * Checks that `@openai/agents` can be loaded, for a clear message at startup rather than on the
 * first chat turn.
 *
 * @throws {Error} With {@link MISSING_SDK_MESSAGE} (the import error as `cause`) when it is not installed.
 */
export async function checkAgentsSdk(): Promise<void> {
  await importPeer('@openai/agents');
}

/**
 * Imports an optional peer dependency by name, turning "not installed" into a clear error.
 *
 * @internal Exported for the bridge and its tests.
 */
export async function importPeer<T>(specifier: string): Promise<T> {
  try {
    const module: unknown = await import(specifier);
    return module as T;
  } catch (error) {
    if (isModuleNotFound(error, specifier)) throw new Error(missingMessage(specifier), { cause: error });
    throw error;
  }
}

function missingMessage(specifier: string): string {
  return specifier === '@openai/agents'
    ? MISSING_SDK_MESSAGE
    : `The agent bridge of stream-chat-element/server needs the optional peer dependency ${specifier}; install it.`;
}

function isModuleNotFound(error: unknown, specifier: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = 'code' in error ? error.code : undefined;
  const message = error instanceof Error ? error.message : '';
  // ERR_MODULE_NOT_FOUND also covers a missing dependency *of* the package; only the package itself counts.
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(`'${specifier}'`);
}
