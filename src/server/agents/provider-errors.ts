/**
 * Errors from the model provider or the Agents SDK as the in-band errors a user should read:
 * fixed English messages by cause, and whether a retry may help (auth, permission, model and
 * quota failures may not; rate limits, server errors, network failures and timeouts may).
 */
import { CustomStreamError, StreamError } from '../errors.js';

/** The user-facing messages of {@link providerStreamError}, by cause. */
export const PROVIDER_ERROR_MESSAGES = {
  auth: 'The assistant is unavailable: the model provider rejected the server’s API key.',
  forbidden: 'The assistant is unavailable: the server’s API key may not use this model.',
  model: 'The assistant is unavailable: the model provider does not offer the configured model.',
  quota: 'The assistant is unavailable: the model provider’s quota for this server is used up.',
  rateLimit: 'The assistant is receiving too many requests right now. Please try again in a moment.',
  badRequest: 'The model provider refused this request. Starting a new conversation may help.',
  server: 'The model provider had a problem answering. Please try again.',
  network: 'The assistant could not reach the model provider. Please try again.',
  timeout: 'The model provider took too long to answer. Please try again.',
  interrupted: 'The model provider stopped answering mid-response. Please try again.',
  maxTurns: 'The assistant needed too many steps and stopped. Please try again with a simpler request.',
} as const;

/**
 * Maps an error from the model provider or the Agents SDK to the in-band error a user should see:
 * auth and permission errors, an unknown model and an exhausted quota end without retry; rate
 * limits, server errors, network failures, timeouts and interrupted streams (including a
 * connection dropped mid-response, undici's `TypeError: terminated`) allow a retry.
 * Errors that are already {@link StreamError} or {@link CustomStreamError} pass through.
 *
 * @param error - What the run threw.
 * @returns The error to throw from respond, or undefined when the error is not a provider error
 *   (let it through: the server reports it to `onError` and sends a generic `stream.error`).
 */
export function providerStreamError(error: unknown): CustomStreamError | StreamError | undefined {
  for (let cause = error, depth = 0; cause !== undefined && cause !== null && depth < 4; depth += 1) {
    if (cause instanceof CustomStreamError || cause instanceof StreamError) return cause;
    const mapped = mapOne(cause);
    if (mapped) return mapped;
    cause = typeof cause === 'object' && 'cause' in cause ? cause.cause : undefined;
  }
  return undefined;
}

function mapOne(error: unknown): CustomStreamError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const kind = error.constructor.name;
  const status = 'status' in error && typeof error.status === 'number' ? error.status : undefined;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  const fail = (message: string, allowRetry: boolean) => new CustomStreamError(message, { allowRetry });

  if (status !== undefined) {
    if (status === 401) return fail(PROVIDER_ERROR_MESSAGES.auth, false);
    if (status === 403) return fail(PROVIDER_ERROR_MESSAGES.forbidden, false);
    if (status === 404) return fail(PROVIDER_ERROR_MESSAGES.model, false);
    if (status === 429)
      return code === 'insufficient_quota'
        ? fail(PROVIDER_ERROR_MESSAGES.quota, false)
        : fail(PROVIDER_ERROR_MESSAGES.rateLimit, true);
    if (status === 408) return fail(PROVIDER_ERROR_MESSAGES.timeout, true);
    if (status >= 500) return fail(PROVIDER_ERROR_MESSAGES.server, true);
    if (status >= 400) return fail(PROVIDER_ERROR_MESSAGES.badRequest, false);
  }
  switch (kind) {
    case 'APIConnectionTimeoutError':
    case 'ModelTimeoutError':
      return fail(PROVIDER_ERROR_MESSAGES.timeout, true);
    case 'APIConnectionError':
      return fail(PROVIDER_ERROR_MESSAGES.network, true);
    // The provider sent an in-stream error, or the stream ended without a final response.
    case 'APIError':
    case 'ModelBehaviorError':
      return fail(PROVIDER_ERROR_MESSAGES.interrupted, true);
    case 'MaxTurnsExceededError':
      return fail(PROVIDER_ERROR_MESSAGES.maxTurns, true);
  }
  // undici (Node's fetch) reports a connection dropped mid-body as `TypeError: terminated`; the
  // SocketError behind it carries this code, and the loop above walks down to it.
  if (code === 'UND_ERR_SOCKET') return fail(PROVIDER_ERROR_MESSAGES.interrupted, true);
  if (code === 'UND_ERR_BODY_TIMEOUT') return fail(PROVIDER_ERROR_MESSAGES.timeout, true);
  return undefined;
}
