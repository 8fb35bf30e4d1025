/**
 * The attachment routes `createChatKitHandler` serves beside the ChatKit endpoint when the server
 * has an attachment store (paths relative to the endpoint's URL):
 *
 * - `PUT|POST …/attachments/<id>/upload`: the bytes of a two-phase upload, with the descriptor's
 *   `x-upload-token` header; answers the attachment JSON.
 * - `POST …/attachments/upload`: a direct upload, `multipart/form-data` with a `file` field;
 *   answers the attachment JSON.
 * - `GET …/attachments/<id>/file`: the file, to the user who uploaded it only.
 *
 * They pass the same origin checks as the endpoint (403 for cross-site origins not allowed).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import type { AttachmentStore } from './attachment-store.js';
import { ChatKitRequestError } from './errors.js';
import { ClientGoneError } from './request-body.js';
import { guardOrigin, type AllowedOrigins } from './request-guard.js';

/** One matched attachment route. */
export type AttachmentRoute = { kind: 'upload'; id: string } | { kind: 'direct' } | { kind: 'file'; id: string };

const METHODS: Record<AttachmentRoute['kind'], string[]> = {
  upload: ['PUT', 'POST'],
  direct: ['POST'],
  file: ['GET', 'HEAD'],
};

/** Images the browser may show inline; anything else is sent as a download. */
const INLINE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** Multipart framing allowed on top of the file itself in a direct upload. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** The route a request path names, or null for the ChatKit endpoint itself. */
export function matchAttachmentRoute(req: IncomingMessage): AttachmentRoute | null {
  const path = (req.url ?? '').split('?', 1)[0] ?? '';
  if (/\/attachments\/upload$/.test(path)) return { kind: 'direct' };
  const match = /\/attachments\/([A-Za-z0-9_-]{1,120})\/(upload|file)$/.exec(path);
  if (!match?.[1]) return null;
  return match[2] === 'upload' ? { kind: 'upload', id: match[1] } : { kind: 'file', id: match[1] };
}

/** What the routes need from the handler. */
export interface AttachmentRouteOptions<C> {
  allowedOrigins: AllowedOrigins | undefined;
  context: (req: IncomingMessage) => Promise<C>;
  /** Longest time for an upload to arrive, in ms; a slower one is cut off and discarded. */
  timeoutMs: number;
}

/**
 * Serves one attachment route.
 *
 * @throws {ChatKitRequestError} The refusal to answer (the connection closes when an upload's
 *   body was not read to the end).
 */
export async function serveAttachmentRoute<C>(
  store: AttachmentStore<C> & { maxBytes?: number },
  route: AttachmentRoute,
  req: IncomingMessage,
  res: ServerResponse,
  options: AttachmentRouteOptions<C>,
): Promise<void> {
  const methods = METHODS[route.kind];
  if (guardOrigin(req, res, options.allowedOrigins, methods.join(', ')) === 'answered') return;
  if (!methods.includes(req.method ?? '')) {
    res.setHeader('allow', methods.join(', '));
    throw new ChatKitRequestError(405, 'method_not_allowed', `Use ${methods.join(' or ')}.`);
  }
  const context = await options.context(req);
  if (route.kind === 'file') {
    await sendFile(store, route.id, req, res, context);
    return;
  }
  // Until the body is read to its end, a refusal closes the connection instead of reading on.
  res.setHeader('connection', 'close');
  const timer = setTimeout(() => req.destroy(), options.timeoutMs);
  try {
    const attachment =
      route.kind === 'upload'
        ? await store.receiveUpload(
            route.id,
            header(req, 'x-upload-token') ?? '',
            { stream: req, contentType: header(req, 'content-type') },
            context,
          )
        : await directUpload(store, req, context);
    res.removeHeader('connection');
    const text = JSON.stringify(attachment);
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  } catch (error) {
    // A cut or timed-out upload is ordinary traffic: its partial file is already gone.
    if (!(error instanceof ChatKitRequestError) && req.destroyed) throw new ClientGoneError();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function directUpload<C>(store: AttachmentStore<C> & { maxBytes?: number }, req: IncomingMessage, context: C) {
  const type = header(req, 'content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw new ChatKitRequestError(
      415,
      'unsupported_media_type',
      'Send the file as multipart/form-data with a `file` field.',
    );
  }
  const limit = (store.maxBytes ?? 10 * 1024 * 1024) + MULTIPART_OVERHEAD;
  if (Number(header(req, 'content-length')) > limit) {
    throw new ChatKitRequestError(413, 'file_too_large', `The file is larger than ${store.maxBytes ?? limit} bytes.`);
  }
  let form: FormData;
  const limiter = new Limit(limit);
  try {
    const body = Readable.toWeb(req.pipe(limiter));
    const request = new Request('http://upload.invalid/', {
      method: 'POST',
      headers: { 'content-type': type },
      body,
      duplex: 'half',
    } as RequestInit);
    form = await request.formData();
  } catch {
    if (limiter.exceeded)
      throw new ChatKitRequestError(413, 'file_too_large', `The upload is larger than ${limit} bytes.`);
    throw new ChatKitRequestError(400, 'invalid_upload', 'The multipart body could not be read.');
  }
  const file = form.get('file');
  if (!(file instanceof Blob)) throw new ChatKitRequestError(400, 'invalid_upload', 'The form has no `file` field.');
  const name = 'name' in file && typeof file.name === 'string' ? file.name : 'file';
  const stream = Readable.from(Buffer.from(await file.arrayBuffer()));
  return store.createFromUpload(name, { stream, contentType: file.type || undefined }, context);
}

async function sendFile<C>(
  store: AttachmentStore<C>,
  id: string,
  req: IncomingMessage,
  res: ServerResponse,
  context: C,
): Promise<void> {
  const file = await store.openAttachment(id, context);
  if (!file) throw new ChatKitRequestError(404, 'not_found', 'No such file.');
  const mime = file.attachment.mime_type;
  const inline = INLINE.has(mime);
  res.writeHead(200, {
    'content-type': mime,
    'content-length': file.size,
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.attachment.name)}`,
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'private, max-age=3600',
  });
  if (req.method === 'HEAD') {
    file.stream.destroy();
    res.end();
    return;
  }
  file.stream.on('error', () => res.destroy());
  file.stream.pipe(res);
  await new Promise((resolve) => res.on('close', resolve));
}

/** Fails the stream once more than `limit` bytes went through. */
class Limit extends Transform {
  private size = 0;
  exceeded = false;

  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    this.exceeded = this.size > this.limit;
    if (this.exceeded)
      done(new ChatKitRequestError(413, 'file_too_large', `The upload is larger than ${this.limit} bytes.`));
    else done(null, chunk);
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
