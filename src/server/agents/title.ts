/**
 * Thread titles from a model: the default instructions of the title model, a tidy-up of what it
 * answers, and a title that lands whenever it arrives: through the live thread during the turn
 * (the server then sends `thread.updated`), straight into the store after it.
 */
import type { ThreadMetadata } from '../../protocol/types.js';
import type { RespondContext } from '../types.js';

/** The instructions of the title model by default. */
export const DEFAULT_TITLE_INSTRUCTIONS =
  'You name chat conversations. Reply with a title of 3 to 5 words for a conversation that starts with ' +
  'the user message you are given, in the language of that message. Reply with the title only: no quotes, ' +
  'no trailing punctuation, no preamble.';

const MAX_TITLE_LENGTH = 80;

/**
 * Tidies a model's title: first line, no wrapping quotes, a "Title:" prefix or trailing period,
 * at most 80 characters. Returns undefined when nothing is left.
 *
 * @param raw - The model's answer.
 */
export function cleanTitle(raw: string): string | undefined {
  let title = raw.trim().split('\n')[0]?.trim() ?? '';
  title = title.replace(/^(?:\*\*)?title(?:\*\*)?\s*:\s*/i, '');
  title = title.replace(/^["'“”‘’*#\s]+|["'“”‘’*\s]+$/g, '');
  title = title.replace(/[.。!]+$/u, '').trim();
  if (title.length > MAX_TITLE_LENGTH) title = `${title.slice(0, MAX_TITLE_LENGTH - 1).trimEnd()}…`;
  return title === '' ? undefined : title;
}

/** What {@link titleWhenReady} returns: tell it when the turn is over. */
export interface PendingTitle {
  /** Marks the end of the turn; a title arriving later is saved to the store directly. */
  turnEnded(): void;
}

/**
 * Puts a title on a new thread whenever it arrives, without holding the answer back: during the
 * turn through the live `thread` (the server saves it and emits `thread.updated`); after it,
 * straight into the store (unless the thread was deleted or named meanwhile), registered with
 * `ctx.waitUntil` so that a page reading the thread right after the response sees the title.
 *
 * @param thread - The turn's live thread.
 * @param ctx - The turn's context (store, request context, `waitUntil`).
 * @param naming - Resolves with the title, or undefined when there is none.
 */
export function titleWhenReady<C>(
  thread: ThreadMetadata,
  ctx: RespondContext<C>,
  naming: Promise<string | undefined>,
): PendingTitle {
  let ended = false;
  let settled = false;
  const work = naming.then(async (name) => {
    settled = true;
    if (!name || thread.title) return;
    thread.title = name;
    if (!ended) return;
    // The turn is over and may already have saved its copy of the thread for the last time.
    const stored = await ctx.store.loadThread(thread.id, ctx.context);
    if (stored && !stored.title) await ctx.store.saveThread({ ...stored, title: name }, ctx.context);
  });
  return {
    turnEnded() {
      ended = true;
      if (!settled) ctx.waitUntil?.(work);
    },
  };
}
