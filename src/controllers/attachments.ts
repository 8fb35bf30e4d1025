/**
 * AttachmentsController: files the user attaches before sending. It checks each file against
 * the page's limits before anything is uploaded, uploads with the chosen ChatKit strategy
 * (two-phase: `attachments.create`, then the bytes to the returned descriptor's URL with its
 * method and headers; direct: a multipart POST to `uploadUrl` that answers the attachment),
 * tracks progress, and lets the user cancel, remove or retry each file.
 *
 * Uploads use `XMLHttpRequest`: `fetch` cannot report upload progress.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { requestJson } from '../protocol/client.js';
import type { Attachment, UploadDescriptor } from '../protocol/types.js';
import type { ChatConfig } from './chat-store.js';
import { format, type Strings } from '../i18n.js';
import type { AttachmentLimits, PendingFile, UploadStrategy } from '../features.js';

/** What the controller reads from the element. */
export interface AttachmentsConfig extends ChatConfig {
  limits(): AttachmentLimits | null;
  strategy(): UploadStrategy;
  strings(): Strings;
}

export class AttachmentsController implements ReactiveController {
  files: PendingFile[] = [];
  /** The last refusal or failure, in words; cleared by the next change. */
  message = '';
  /** Files are being dragged over the element. */
  dragging = false;
  private keys = 0;
  private waiting: Array<() => void> = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: AttachmentsConfig,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    for (const file of this.files) this.discard(file);
    this.files = [];
  }

  /** Whether any file is still uploading. */
  get busy(): boolean {
    return this.files.some((file) => file.status === 'uploading');
  }

  /** Checks the files against the limits; uploads them all, or refuses them all with a message. */
  add(files: readonly File[]): void {
    const limits = this.config.limits();
    if (!limits || !files.length) return;
    const s = this.config.strings();
    const refusal = refuse(files, limits, this.files.length, s);
    this.message = refusal;
    if (!refusal) {
      for (const file of files) {
        const pending: PendingFile = {
          key: ++this.keys,
          file,
          status: 'uploading',
          progress: 0,
          attachment: null,
          preview: file.type.startsWith('image/') ? URL.createObjectURL(file) : null,
          request: null,
        };
        this.files = [...this.files, pending];
        void this.upload(pending);
      }
    }
    this.host.requestUpdate();
  }

  /** Cancels or removes a file; one the server knows about is deleted there too. */
  remove(key: number): void {
    const file = this.files.find((each) => each.key === key);
    if (!file) return;
    this.files = this.files.filter((each) => each !== file);
    this.discard(file);
    if (file.attachment) this.deleteOnServer(file.attachment.id);
    this.settle();
  }

  /** Uploads a failed file again. */
  retry(key: number): void {
    const file = this.files.find((each) => each.key === key);
    if (!file || file.status !== 'failed') return;
    // A two-phase upload starts over with a new attachment (and a new upload token).
    if (file.attachment) this.deleteOnServer(file.attachment.id);
    Object.assign(file, { status: 'uploading', progress: 0, attachment: null });
    this.message = '';
    this.host.requestUpdate();
    void this.upload(file);
  }

  /** Resolves once no file is uploading: true when every file uploaded. */
  async settled(): Promise<boolean> {
    while (this.busy) await new Promise<void>((resolve) => this.waiting.push(resolve));
    return this.files.every((file) => file.status === 'done');
  }

  /** The uploaded attachments, for the next message. */
  uploaded(): Attachment[] {
    return this.files.flatMap((file) => (file.status === 'done' && file.attachment ? [file.attachment] : []));
  }

  /** Whether an uploaded file is ready to go, so a message may be sent without text. */
  get ready(): boolean {
    return this.files.some((file) => file.status === 'done');
  }

  /**
   * The uploaded files went out with a message: they leave the composer.
   * @returns puts them back, uploaded as they were, when the server never took the message
   */
  sent(): () => void {
    const gone = this.files.filter((file) => file.status === 'done');
    for (const file of gone) if (file.preview) URL.revokeObjectURL(file.preview);
    this.files = this.files.filter((file) => !gone.includes(file));
    this.host.requestUpdate();
    return () => this.restore(gone);
  }

  /** Files dropped or pasted onto the element. */
  readonly handleFiles = (list: FileList | null | undefined): void => this.add(Array.from(list ?? []));

  readonly handleDrag = (event: DragEvent): void => {
    if (!this.config.limits() || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    const over = event.type !== 'dragleave' && event.type !== 'drop';
    if (event.type === 'drop') this.handleFiles(event.dataTransfer.files);
    if (over !== this.dragging) {
      this.dragging = over;
      this.host.requestUpdate();
    }
  };

  readonly handlePaste = (event: ClipboardEvent): void => {
    const files = Array.from(event.clipboardData?.files ?? []);
    if (!files.length || !this.config.limits()) return;
    event.preventDefault();
    this.add(files);
  };

  /** Files of a message the server refused go back before the ones added since, with new previews. */
  private restore(files: readonly PendingFile[]): void {
    const back = files
      .filter((file) => !this.files.includes(file))
      .map((file) => ({
        ...file,
        preview: file.file.type.startsWith('image/') ? URL.createObjectURL(file.file) : null,
      }));
    if (!back.length) return;
    this.files = [...back, ...this.files];
    this.host.requestUpdate();
  }

  private async upload(file: PendingFile): Promise<void> {
    try {
      const strategy = this.config.strategy();
      let attachment: Attachment;
      if (strategy.type === 'direct') {
        const body = new FormData();
        body.append('file', file.file, file.file.name);
        attachment = parseAttachment(
          await this.send(
            file,
            { url: strategy.uploadUrl, method: 'POST', headers: this.config.request().headers ?? {} },
            body,
          ),
        );
      } else {
        const params = {
          name: file.file.name,
          size: file.file.size,
          mime_type: file.file.type || 'application/octet-stream',
        };
        file.attachment = await requestJson({ type: 'attachments.create', params }, this.config.request());
        if (!this.files.includes(file)) return this.deleteOnServer(file.attachment.id);
        const descriptor = file.attachment.upload_descriptor;
        if (descriptor) await this.send(file, descriptor, file.file);
        const { upload_descriptor: _sent, ...rest } = file.attachment;
        attachment = rest as Attachment;
      }
      file.attachment = attachment;
      file.status = 'done';
      file.progress = 1;
    } catch {
      if (!this.files.includes(file)) return;
      file.status = 'failed';
      this.message = format(this.config.strings().uploadFailed + ': {name}', { name: file.file.name });
    }
    this.settle();
  }

  /** Sends the bytes with the descriptor's URL, method and headers exactly; resolves with the body. */
  private send(file: PendingFile, descriptor: UploadDescriptor, body: Blob | FormData): Promise<string> {
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      file.request = request;
      request.open(
        descriptor.method,
        new URL(descriptor.url, new URL(this.config.request().url, document.baseURI)).href,
      );
      for (const [name, value] of Object.entries(descriptor.headers)) request.setRequestHeader(name, value);
      request.upload.onprogress = (event) => {
        if (!event.lengthComputable) return;
        file.progress = event.loaded / event.total;
        this.host.requestUpdate();
      };
      request.onload = () =>
        request.status >= 200 && request.status < 300
          ? resolve(request.responseText)
          : reject(new Error(`HTTP ${request.status}`));
      request.onerror = request.onabort = () => reject(new Error('upload failed'));
      request.send(body);
    });
  }

  private deleteOnServer(id: string): void {
    requestJson({ type: 'attachments.delete', params: { attachment_id: id } }, this.config.request()).catch(
      () => undefined,
    );
  }

  private discard(file: PendingFile): void {
    file.request?.abort();
    if (file.preview) URL.revokeObjectURL(file.preview);
  }

  private settle(): void {
    this.host.requestUpdate();
    if (this.busy) return;
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

/** Why the files cannot be attached, in words; empty when they can. */
function refuse(files: readonly File[], limits: AttachmentLimits, already: number, s: Strings): string {
  if (limits.maxCount !== undefined && already + files.length > limits.maxCount)
    return format(s.tooMany, { count: String(limits.maxCount) });
  const accept = typeof limits.accept === 'string' ? limits.accept.split(',') : (limits.accept ?? []);
  for (const file of files) {
    if (accept.length && !accepts(file, accept)) return format(s.badType, { name: file.name });
    if (limits.maxSize !== undefined && file.size > limits.maxSize)
      return format(s.tooLarge, { name: file.name, size: formatSize(limits.maxSize) });
  }
  return '';
}

/** Whether a file matches an `accept` list as `<input type=file accept>` would. */
function accepts(file: File, accept: readonly string[]): boolean {
  const type = file.type.toLowerCase();
  const name = file.name.toLowerCase();
  return accept.some((raw) => {
    const rule = raw.trim().toLowerCase();
    if (rule.startsWith('.')) return name.endsWith(rule);
    if (rule.endsWith('/*')) return type.startsWith(rule.slice(0, -1));
    return rule === type;
  });
}

/** Bytes in the largest whole unit (1.5 MB). */
function formatSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number(value.toFixed(1))} ${units[unit] ?? 'B'}`;
}

function parseAttachment(text: string): Attachment {
  const value = JSON.parse(text) as Attachment;
  if (typeof value?.id !== 'string' || typeof value.name !== 'string') throw new Error('not an attachment');
  return value;
}
