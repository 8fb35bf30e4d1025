/**
 * The embedded attachment store: each file's bytes in `<id>.bin` under one directory, its record
 * in `<id>.json` beside it (or in any {@link AttachmentRecords}, such as a database store). Uploads
 * are written to a temporary `.part` file and renamed only once complete and checked, so a cut,
 * oversized or mistyped upload leaves nothing behind.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Attachment } from '../protocol/types.js';
import {
  publicAttachment,
  type AttachmentCreateParams,
  type AttachmentFile,
  type AttachmentRecord,
  type AttachmentRecords,
  type AttachmentStore,
  type IncomingUpload,
} from './attachment-store.js';
import { ChatKitRequestError } from './errors.js';
import { contextUserId, defaultId, itemIdPrefix } from './store.js';

/** Options of {@link FileAttachmentStore}. */
export interface FileAttachmentStoreOptions {
  /** Where the bytes (and, by default, the records) live; created when missing. */
  directory: string;
  /**
   * The URL of the ChatKit endpoint as the browser reaches it (`/chatkit` or
   * `https://api.example.com/chatkit`): upload and file links are built under it.
   */
  baseUrl: string;
  /** Largest accepted file in bytes. Defaults to 10 MiB. */
  maxBytes?: number;
  /**
   * Accepted MIME types: exact (`application/pdf`) or `type/*`. Defaults to
   * {@link DEFAULT_ACCEPTED_TYPES}.
   */
  accept?: readonly string[];
  /** Where records live instead of JSON files (a database store, say). */
  records?: AttachmentRecords;
}

/** Images, plain text, Markdown, CSV, JSON and PDF. */
export const DEFAULT_ACCEPTED_TYPES: readonly string[] = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
  'text/markdown',
  'text/csv',
  'application/json',
  'application/pdf',
];

/** Images whose first bytes are checked against their declared type. */
const SIGNATURES: Record<string, (head: Buffer) => boolean> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => b.subarray(0, 4).toString('latin1') === 'GIF8',
  'image/webp': (b) =>
    b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};

/** Ids become file names: the reference format and anything as tame. */
const ID = /^[A-Za-z0-9_-]{1,120}$/;

/** The base MIME type, lower case, without parameters (`text/plain;charset=utf-8` → `text/plain`). */
export function mediaType(mime: string): string {
  return (mime.split(';', 1)[0] ?? '').trim().toLowerCase();
}

/**
 * An {@link AttachmentStore} on the local disk, for `npm start` and single-server deployments.
 * Two-phase uploads get a descriptor `{url: <baseUrl>/attachments/<id>/upload, method: 'PUT',
 * headers: {'content-type', 'x-upload-token'}}`; direct uploads go to
 * `<baseUrl>/attachments/upload`; images get `preview_url: <baseUrl>/attachments/<id>/file`.
 */
export class FileAttachmentStore<C = unknown> implements AttachmentStore<C> {
  /** The absolute directory the bytes live in. */
  readonly directory: string;
  readonly maxBytes: number;
  readonly accept: readonly string[];
  private readonly baseUrl: string;
  private readonly records: AttachmentRecords;
  private readonly ready: Promise<unknown>;

  /** @param options - The directory, the endpoint's URL, limits and an optional record store. */
  constructor(options: FileAttachmentStoreOptions) {
    this.directory = resolve(options.directory);
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
    this.accept = (options.accept ?? DEFAULT_ACCEPTED_TYPES).map(mediaType);
    this.ready = mkdir(this.directory, { recursive: true });
    this.records = options.records ?? new JsonRecords(this.directory, this.ready);
  }

  async createAttachment(params: AttachmentCreateParams, context: C): Promise<Attachment> {
    this.check(params.mime_type, params.size);
    const token = randomBytes(24).toString('base64url');
    const id = defaultId(itemIdPrefix('attachment'));
    const attachment = this.describe(id, params.name, mediaType(params.mime_type));
    attachment.upload_descriptor = {
      url: `${this.baseUrl}/attachments/${id}/upload`,
      method: 'PUT',
      headers: { 'content-type': attachment.mime_type, 'x-upload-token': token },
    };
    await this.records.saveAttachmentRecord({
      attachment,
      owner: contextUserId(context),
      size: params.size,
      state: 'pending',
      tokenHash: hash(token),
      created_at: new Date().toISOString(),
    });
    return publicAttachment(attachment);
  }

  async deleteAttachment(attachmentId: string, context: C): Promise<void> {
    const record = await this.own(attachmentId, context);
    if (!record) return;
    await this.records.deleteAttachmentRecord(attachmentId);
    await rm(this.file(attachmentId), { force: true });
  }

  async receiveUpload(attachmentId: string, token: string, upload: IncomingUpload, context: C): Promise<Attachment> {
    const record = ID.test(attachmentId) ? await this.records.loadAttachmentRecord(attachmentId) : null;
    // One answer for unknown ids, wrong tokens and used tokens: nothing to learn by probing.
    if (!record || record.state !== 'pending' || !record.tokenHash || !sameHash(record.tokenHash, hash(token))) {
      throw new ChatKitRequestError(403, 'invalid_upload_token', 'This upload link is not valid.');
    }
    if (record.owner !== null && record.owner !== contextUserId(context)) {
      throw new ChatKitRequestError(403, 'invalid_upload_token', 'This upload link is not valid.');
    }
    const declared = record.attachment.mime_type;
    if (upload.contentType !== undefined && mediaType(upload.contentType) !== declared) {
      upload.stream.resume();
      throw new ChatKitRequestError(415, 'unsupported_media_type', `The upload must be sent as ${declared}.`);
    }
    const size = await this.write(attachmentId, upload, declared, Math.min(record.size, this.maxBytes));
    if (size !== record.size) {
      await rm(this.file(attachmentId), { force: true });
      throw new ChatKitRequestError(400, 'incomplete_upload', `Expected ${record.size} bytes, received ${size}.`);
    }
    const attachment = { ...record.attachment };
    delete attachment.upload_descriptor;
    await this.records.saveAttachmentRecord({ ...record, attachment, state: 'ready', tokenHash: undefined });
    return publicAttachment(attachment);
  }

  async createFromUpload(name: string, upload: IncomingUpload, context: C): Promise<Attachment> {
    const mime = mediaType(upload.contentType ?? 'application/octet-stream');
    this.check(mime, 0);
    const id = defaultId(itemIdPrefix('attachment'));
    const size = await this.write(id, upload, mime, this.maxBytes);
    const attachment = this.describe(id, name, mime);
    await this.records.saveAttachmentRecord({
      attachment,
      owner: contextUserId(context),
      size,
      state: 'ready',
      created_at: new Date().toISOString(),
    });
    return publicAttachment(attachment);
  }

  async loadAttachment(attachmentId: string, context: C): Promise<Attachment | null> {
    const record = await this.own(attachmentId, context);
    return record?.state === 'ready' ? publicAttachment(record.attachment) : null;
  }

  async attachToThread(attachmentId: string, threadId: string, context: C): Promise<void> {
    const record = await this.own(attachmentId, context);
    if (record)
      await this.records.saveAttachmentRecord({ ...record, attachment: { ...record.attachment, thread_id: threadId } });
  }

  async openAttachment(attachmentId: string, context: C): Promise<AttachmentFile | null> {
    const record = await this.own(attachmentId, context);
    if (record?.state !== 'ready') return null;
    const path = this.file(attachmentId);
    const size = (await stat(path).catch(() => null))?.size;
    if (size === undefined) return null;
    return { attachment: publicAttachment(record.attachment), size, stream: createReadStream(path) };
  }

  /** Refuses a type that is not accepted (415) or a size above the limit (413). */
  private check(mime: string, size: number): void {
    const type = mediaType(mime);
    const accepted = this.accept.some(
      (pattern) => pattern === type || (pattern.endsWith('/*') && type.startsWith(pattern.slice(0, -1))),
    );
    if (!accepted || !/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(type)) {
      throw new ChatKitRequestError(
        415,
        'unsupported_media_type',
        `Files of type ${type.slice(0, 100)} are not accepted.`,
      );
    }
    if (size > this.maxBytes) {
      throw new ChatKitRequestError(413, 'file_too_large', `Files may be at most ${this.maxBytes} bytes.`);
    }
  }

  private describe(id: string, name: string, mime: string): Attachment {
    const clean = name.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 255) || 'file';
    return mime.startsWith('image/')
      ? { type: 'image', id, name: clean, mime_type: mime, preview_url: `${this.baseUrl}/attachments/${id}/file` }
      : { type: 'file', id, name: clean, mime_type: mime };
  }

  private async own(attachmentId: string, context: C): Promise<AttachmentRecord | null> {
    if (!ID.test(attachmentId)) return null;
    const record = await this.records.loadAttachmentRecord(attachmentId);
    return record && record.owner === contextUserId(context) ? record : null;
  }

  private file(id: string): string {
    return join(this.directory, `${id}.bin`);
  }

  /**
   * Streams the bytes to a temporary file, then renames it into place. More than `limit` bytes
   * (413), a body that ends early or a signature that contradicts `mime` (415): the temporary
   * file is removed and nothing is kept.
   */
  private async write(id: string, upload: IncomingUpload, mime: string, limit: number): Promise<number> {
    await this.ready;
    const part = join(this.directory, `${id}.${randomBytes(4).toString('hex')}.part`);
    const meter = new UploadMeter(limit, SIGNATURES[mime]);
    try {
      await pipeline(upload.stream, meter, createWriteStream(part, { flags: 'wx' }));
      await rename(part, this.file(id));
      return meter.size;
    } catch (error) {
      await rm(part, { force: true });
      throw error;
    }
  }
}

/** Counts bytes, stops past the limit, and checks the first bytes against a signature. */
class UploadMeter extends Transform {
  size = 0;
  private head = Buffer.alloc(0);

  constructor(
    private readonly limit: number,
    private readonly signature: ((head: Buffer) => boolean) | undefined,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.limit) {
      done(new ChatKitRequestError(413, 'file_too_large', `The file is larger than ${this.limit} bytes.`));
      return;
    }
    if (this.signature && this.head.length < 12) {
      this.head = Buffer.concat([this.head, chunk]).subarray(0, 12);
      if (this.head.length >= 12 && !this.signature(this.head)) {
        done(new ChatKitRequestError(415, 'unsupported_media_type', 'The file content does not match its type.'));
        return;
      }
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.signature && !this.signature(this.head)) {
      done(new ChatKitRequestError(415, 'unsupported_media_type', 'The file content does not match its type.'));
      return;
    }
    done();
  }
}

/** Records as `<id>.json` files in the store's directory. */
class JsonRecords implements AttachmentRecords {
  constructor(
    private readonly directory: string,
    private readonly ready: Promise<unknown>,
  ) {}

  async saveAttachmentRecord(record: AttachmentRecord): Promise<void> {
    await this.ready;
    const path = this.path(record.attachment.id);
    const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temp, JSON.stringify(record));
    await rename(temp, path);
  }

  async loadAttachmentRecord(attachmentId: string): Promise<AttachmentRecord | null> {
    try {
      return JSON.parse(await readFile(this.path(attachmentId), 'utf8')) as AttachmentRecord;
    } catch {
      return null;
    }
  }

  async deleteAttachmentRecord(attachmentId: string): Promise<void> {
    await rm(this.path(attachmentId), { force: true });
  }

  private path(id: string): string {
    return join(this.directory, `${id}.json`);
  }
}

function hash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
