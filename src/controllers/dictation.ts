/**
 * DictationController: the microphone button. The first click records with `MediaRecorder`, the
 * second stops, posts `input.transcribe` (the audio as base64 with its MIME type) and puts the
 * text into the composer, never straight out. Refused permission, a missing microphone and a
 * failed transcription each leave a message in words.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { requestJson } from '../protocol/client.js';
import type { ChatConfig } from './chat-store.js';
import type { Strings } from '../i18n.js';

export type DictationStatus = 'idle' | 'recording' | 'transcribing';

export class DictationController implements ReactiveController {
  status: DictationStatus = 'idle';
  /** Why the last attempt failed, in words. */
  message = '';
  private recorder: MediaRecorder | null = null;
  /** Waiting for the microphone: a second click before it opens does nothing. */
  private starting = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: ChatConfig & { strings(): Strings },
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.release(true);
  }

  /** Starts recording, or stops and transcribes. */
  readonly toggle = (): void => {
    if (this.status === 'idle' && !this.starting) void this.start();
    else if (this.status === 'recording') this.recorder?.stop();
  };

  private async start(): Promise<void> {
    const s = this.config.strings();
    this.message = '';
    this.starting = true;
    this.host.requestUpdate();
    let stream: MediaStream;
    try {
      if (!navigator.mediaDevices?.getUserMedia) throw new DOMException('', 'NotFoundError');
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      const denied =
        error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'SecurityError');
      return this.fail(denied ? s.micDenied : s.noMic);
    } finally {
      this.starting = false;
    }
    const chunks: Blob[] = [];
    const recorder = new MediaRecorder(stream);
    this.recorder = recorder;
    recorder.ondataavailable = (event) => event.data.size && chunks.push(event.data);
    recorder.onstop = () => {
      const aborted = this.recorder !== recorder;
      this.release(false);
      if (!aborted) void this.transcribe(new Blob(chunks, { type: recorder.mimeType || 'audio/webm' }));
    };
    recorder.start();
    this.status = 'recording';
    this.host.requestUpdate();
  }

  private async transcribe(audio: Blob): Promise<void> {
    this.status = 'transcribing';
    this.host.requestUpdate();
    try {
      const mime_type = audio.type.split(';', 1)[0] || 'audio/webm';
      const { text } = await requestJson(
        { type: 'input.transcribe', params: { audio_base64: await toBase64(audio), mime_type } },
        this.config.request(),
      );
      if (typeof text !== 'string') throw new Error('no text');
      const draft = this.config.store.state.draft;
      this.config.store.apply({ type: 'draft-changed', text: draft.trim() ? `${draft.trimEnd()} ${text}` : text });
      this.status = 'idle';
      this.host.requestUpdate();
    } catch {
      this.fail(this.config.strings().transcribeFailed);
    }
  }

  private fail(message: string): void {
    this.release(true);
    this.status = 'idle';
    this.message = message;
    this.host.requestUpdate();
  }

  /** Stops the microphone (and, when `abort`, drops what was recorded). */
  private release(abort: boolean): void {
    const recorder = this.recorder;
    this.recorder = null;
    if (!recorder) return;
    if (abort && recorder.state !== 'inactive') recorder.stop();
    for (const track of recorder.stream.getTracks()) track.stop();
  }
}

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
