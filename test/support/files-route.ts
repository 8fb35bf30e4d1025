/**
 * The real server kit with attachments and dictation, for the composer tests:
 *
 *   POST /api/files                  ChatKit endpoint with a FileAttachmentStore (64 KiB per file,
 *                                    the default types) and a transcribe hook that answers
 *                                    "heard <n> bytes of <media type>"; the agent describes what the
 *                                    user message carried (text, files, tool, model)
 *   …/api/files/attachments/…        the kit's own upload and file routes
 *   POST /api/files-fail-next        the next direct upload through /api/files-faulty answers 500
 *   POST /api/files-faulty/attachments/upload  a direct upload URL that fails when told to, else
 *                                    hands the upload to the real route
 *   POST /api/files-flaky            the /api/files endpoint, except that after POST
 *                                    /api/files-fail-next-send its next request answers 500 unread
 *   POST /api/files-hold/attachments/upload    a direct upload URL that never answers (for
 *                                    removing a file mid-upload); GET /api/files-held says how
 *                                    many such uploads the client gave up on
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { UserMessageItem } from '../../src/protocol/types.js';
import {
  ChatKitServer,
  FileAttachmentStore,
  MemoryStore,
  createChatKitHandler,
  streamAssistantText,
  type RespondFn,
} from '../../src/server/index.js';

const describeTurn: RespondFn = async function* (thread, item, ctx) {
  if (!item) return;
  yield* streamAssistantText(ctx, thread, [describe(item)]);
};

/** What the user message carried, in words. */
function describe(item: UserMessageItem): string {
  const text = item.content.map((part) => part.text).join('');
  const files =
    item.attachments.map((attachment) => `${attachment.name} (${attachment.mime_type})`).join(', ') || 'none';
  const tool = item.inference_options.tool_choice?.id ?? 'none';
  const model = item.inference_options.model ?? 'none';
  return `Got "${text}"; files: ${files}; tool: ${tool}; model: ${model}`;
}

const attachments = new FileAttachmentStore({
  directory: mkdtempSync(join(tmpdir(), 'stream-chat-files-')),
  baseUrl: '/api/files',
  maxBytes: 64 * 1024,
});
const files = createChatKitHandler(
  new ChatKitServer({
    store: new MemoryStore(),
    respond: describeTurn,
    attachments,
    transcribe: async (audio) => ({
      text: `heard ${audio.data.length > 0 ? 'some' : 'no'} bytes of ${audio.media_type}`,
    }),
    onError: () => undefined,
  }),
);

let failNext = false;
let failSend = false;
let held = 0;

/** Serves the routes above (resolving once answered); null when the path is not one of them. */
export function filesRoute(path: string, req: IncomingMessage, res: ServerResponse): Promise<void> | null {
  if (path === '/api/files' || path.startsWith('/api/files/')) return files(req, res);
  if (path === '/api/files-fail-next') {
    failNext = true;
    res.writeHead(204).end();
  } else if (path === '/api/files-faulty/attachments/upload') {
    if (failNext) {
      failNext = false;
      req.resume();
      req.on('end', () => res.writeHead(500, { 'content-type': 'text/plain' }).end('upload store unavailable'));
    } else {
      req.url = '/api/files/attachments/upload';
      return files(req, res);
    }
  } else if (path === '/api/files-fail-next-send') {
    failSend = true;
    res.writeHead(204).end();
  } else if (path === '/api/files-flaky') {
    if (!failSend) {
      req.url = '/api/files';
      return files(req, res);
    }
    failSend = false;
    req.resume();
    req.on('end', () => res.writeHead(500, { 'content-type': 'text/plain' }).end('try again later'));
  } else if (path === '/api/files-hold/attachments/upload') {
    req.resume();
    req.on('close', () => held++);
  } else if (path === '/api/files-held') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ held }));
  } else {
    return null;
  }
  return Promise.resolve();
}
