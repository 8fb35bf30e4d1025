/**
 * The attachment contract of the server kit (chatkit-python 1.6.5's `AttachmentStore` plus the
 * byte side it leaves to each integration): {@link AttachmentStore} answers `attachments.create`
 * and `attachments.delete`, receives uploads through the handler's upload routes, serves files
 * to their owner and resolves the ids a user message names. {@link AttachmentRecords} is the
 * smaller metadata half a database store can implement (the bytes stay wherever the attachment
 * store keeps them).
 */
import type { Readable } from 'node:stream';
import type { Attachment, JsonObject } from '../protocol/types.js';

/** `attachments.create` params: what the client declares before sending the bytes. */
export interface AttachmentCreateParams {
  name: string;
  /** Size in bytes; the upload must be exactly this long. */
  size: number;
  mime_type: string;
}

/**
 * An attachment as stored: the wire object plus integration-only `metadata`, which is never
 * sent to clients (chatkit-python strips it from every answer).
 */
export type StoredAttachment = Attachment & { metadata?: JsonObject };

/** One attachment's stored record. */
export interface AttachmentRecord {
  attachment: StoredAttachment;
  /** The `userId` of the context that created it (see `contextUserId`), or null. */
  owner: string | null;
  /** Declared size in bytes (`attachments.create`) or received size (direct upload). */
  size: number;
  /** `pending` until a two-phase upload has arrived whole; only `ready` ones can be sent. */
  state: 'pending' | 'ready';
  /** SHA-256 (hex) of the pending upload's token; removed once the upload arrived. */
  tokenHash?: string;
  /** ISO-8601 creation time. */
  created_at: string;
}

/**
 * Where attachment records live. `FileAttachmentStore` keeps them as JSON files beside the bytes
 * by default; a database store (PostgresStore, say) can implement these three methods and be
 * passed as its `records` option, so the metadata sits with the threads.
 */
export interface AttachmentRecords {
  /** Creates or replaces the record of `record.attachment.id`. */
  saveAttachmentRecord(record: AttachmentRecord): Promise<void>;
  /** Loads a record, or null when there is none. */
  loadAttachmentRecord(attachmentId: string): Promise<AttachmentRecord | null>;
  /** Deletes a record; a missing one is not an error. */
  deleteAttachmentRecord(attachmentId: string): Promise<void>;
}

/** A file opened for serving or for the model. */
export interface AttachmentFile {
  attachment: Attachment;
  size: number;
  /** The bytes; read it to the end or destroy it. */
  stream: Readable;
}

/** A file arriving in an upload request. */
export interface IncomingUpload {
  /** The bytes, as they arrive. */
  stream: Readable;
  /** The upload's own `Content-Type` (two-phase) or the multipart part's type (direct). */
  contentType: string | undefined;
}

/**
 * Files attached to user messages. Every method gets the request context `C` last. An attachment
 * belongs to the context's `userId` that created it; for any other context it does not exist.
 * Methods that refuse a request throw `ChatKitRequestError` (400, 403, 404, 413, 415).
 */
export interface AttachmentStore<C = unknown> {
  /**
   * `attachments.create`: checks the declared size and MIME type, records a pending attachment
   * and answers it with its `upload_descriptor` (`{url, method, headers}`, headers carrying a
   * per-upload token) and, for images, its `preview_url`.
   */
  createAttachment(params: AttachmentCreateParams, context: C): Promise<Attachment>;
  /** `attachments.delete`: removes the record and the bytes; unknown ids are ignored. */
  deleteAttachment(attachmentId: string, context: C): Promise<void>;
  /**
   * Receives the bytes of a two-phase upload (the handler's upload route). The token must be the
   * attachment's; the bytes must match the declared size and type, or nothing is kept. Answers
   * the attachment without its `upload_descriptor`.
   */
  receiveUpload(attachmentId: string, token: string, upload: IncomingUpload, context: C): Promise<Attachment>;
  /** A direct upload (multipart POST to the upload URL): creates a ready attachment at once. */
  createFromUpload(name: string, upload: IncomingUpload, context: C): Promise<Attachment>;
  /** Resolves an id a user message names: null unless it exists for this context and is ready. */
  loadAttachment(attachmentId: string, context: C): Promise<Attachment | null>;
  /** Records the thread a sent message put the attachment in (its `thread_id`). */
  attachToThread(attachmentId: string, threadId: string, context: C): Promise<void>;
  /** Opens a ready attachment's bytes for this context, or null (unknown, not theirs, pending). */
  openAttachment(attachmentId: string, context: C): Promise<AttachmentFile | null>;
}

/**
 * The attachment as clients see it: without `metadata` (and without the `upload_descriptor`
 * once uploaded), as chatkit-python serializes it.
 */
export function publicAttachment(attachment: StoredAttachment): Attachment {
  const copy: StoredAttachment = structuredClone(attachment);
  delete copy.metadata;
  return copy;
}
