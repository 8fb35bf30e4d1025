/**
 * Dictation with OpenAI's transcription API (`POST <baseURL>/audio/transcriptions`), as a
 * `transcribe` hook for ChatKitServer. Plain `fetch`, so it needs neither the Agents SDK nor the
 * openai package.
 */
import { ChatKitRequestError } from '../errors.js';
import type { AudioInput, TranscribeFn } from '../transcribe.js';
import type { AgentModelOptions } from './agent-responder.js';

/** The transcription model used when none is given. */
export const DEFAULT_TRANSCRIPTION_MODEL = 'gpt-4o-mini-transcribe';

/** Options of {@link createOpenAITranscriber}. */
export interface OpenAITranscriberOptions extends Omit<AgentModelOptions, 'api'> {
  /** The transcription model. Defaults to {@link DEFAULT_TRANSCRIPTION_MODEL}. */
  model?: string;
  /** Longest wait for the provider, in ms. Defaults to 60 000. */
  timeoutMs?: number;
}

const EXTENSIONS: Record<string, string> = {
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/mp4': 'mp4',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
};

/**
 * Creates a `transcribe` hook that sends the recorded audio to OpenAI (or a compatible server)
 * and answers its text. A provider failure answers 502 with a short message (never the provider's
 * body); an unsupported audio type answers 415.
 *
 * @example
 * new ChatKitServer({ store, respond, transcribe: createOpenAITranscriber() });
 */
export function createOpenAITranscriber<C = unknown>(options: OpenAITranscriberOptions = {}): TranscribeFn<C> {
  return async (audio: AudioInput) => {
    const extension = EXTENSIONS[audio.media_type];
    if (!extension)
      throw new ChatKitRequestError(
        415,
        'unsupported_media_type',
        `Audio of type ${audio.media_type.slice(0, 100)} cannot be transcribed.`,
      );
    const apiKey = options.apiKey ?? process.env.OPENAI_API_KEY;
    const baseURL = (options.baseURL ?? process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1').replace(/\/+$/, '');
    const form = new FormData();
    form.append('model', options.model ?? DEFAULT_TRANSCRIPTION_MODEL);
    form.append('file', new Blob([new Uint8Array(audio.data)], { type: audio.media_type }), `speech.${extension}`);
    let response: Response;
    try {
      response = await fetch(`${baseURL}/audio/transcriptions`, {
        method: 'POST',
        headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
        body: form,
        signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
      });
    } catch {
      throw new ChatKitRequestError(502, 'transcription_failed', 'The transcription service could not be reached.');
    }
    const body: unknown = await response.json().catch(() => null);
    const text =
      typeof body === 'object' && body !== null && 'text' in body && typeof body.text === 'string'
        ? body.text
        : undefined;
    if (!response.ok || text === undefined) {
      throw new ChatKitRequestError(
        502,
        'transcription_failed',
        `The transcription service answered ${response.status}.`,
      );
    }
    return { text };
  };
}
