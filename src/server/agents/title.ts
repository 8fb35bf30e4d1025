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
