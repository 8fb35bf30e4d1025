/**
 * Dictation (`input.transcribe`): the hook an integrator provides and the decoding chatkit-python
 * 1.6.5 does before calling it (`ChatKitServer.transcribe`, `AudioInput.media_type`).
 */
import { ChatKitRequestError } from './errors.js';

/** The recorded audio handed to a {@link TranscribeFn}. */
export interface AudioInput {
  /** The audio bytes, decoded from the request's base64. */
  data: Uint8Array;
  /** The MIME type as the client sent it, e.g. `audio/webm;codecs=opus`. */
  mime_type: string;
  /** The base media type, lower case, without parameters, e.g. `audio/webm`. */
  media_type: string;
}

/** What `input.transcribe` answers: the text to put into the composer. */
export interface TranscriptionResult {
  text: string;
}

/**
 * Turns speech into text for `input.transcribe`. Throw `ChatKitRequestError` to refuse (its
 * status and message are answered); other errors answer 500 and reach `onError`.
 */
export type TranscribeFn<C = unknown> = (audio: AudioInput, context: C) => Promise<TranscriptionResult>;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;

/**
 * Decodes `input.transcribe` params into an {@link AudioInput}.
 *
 * @throws {ChatKitRequestError} 400 when the audio is not base64 or is empty.
 */
export function audioInput(audioBase64: string, mimeType: string): AudioInput {
  const text = audioBase64.replace(/\s+/g, '');
  if (!BASE64.test(text))
    throw new ChatKitRequestError(400, 'invalid_request', 'params.audio_base64: not valid base64');
  const data = Buffer.from(text, 'base64');
  if (data.length === 0) throw new ChatKitRequestError(400, 'invalid_request', 'params.audio_base64: no audio');
  const media = (mimeType.split(';', 1)[0] ?? '').trim().toLowerCase();
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), mime_type: mimeType, media_type: media };
}
