/**
 * What the demo agent says about what a message carried besides its text: the attached files
 * (name, type, size) and the tool and model chosen in the composer, plus the demo's fixed
 * transcription. Without an API key this is how the demo shows that uploads, menus and dictation
 * reached the server.
 */
import type { UserMessageItem } from '../protocol/types.js';
import type { RespondContext } from './types.js';
import type { TranscribeFn } from './transcribe.js';

/** The text the demo's `transcribe` hook always answers. */
export const DEMO_TRANSCRIPT = 'This is what the demo heard: dictation works.';

/**
 * A `transcribe` hook for demos and tests: answers {@link DEMO_TRANSCRIPT} for any audio.
 */
export const demoTranscribe: TranscribeFn = async () => ({ text: DEMO_TRANSCRIPT });

/**
 * Describes the files, tool and model a user message carried, in Markdown, or null when it
 * carried none of them. File sizes come from `ctx.attachments` when the server has one.
 */
export async function describeReceived<C>(item: UserMessageItem, ctx: RespondContext<C>): Promise<string | null> {
  const lines: string[] = [];
  for (const attachment of item.attachments) {
    const file = await ctx.attachments?.openAttachment(attachment.id, ctx.context);
    file?.stream.destroy();
    const size = file ? `, ${formatSize(file.size)}` : '';
    lines.push(`- file **${plain(attachment.name)}** (${plain(attachment.mime_type)}${size})`);
  }
  const { tool_choice: tool, model } = item.inference_options;
  if (tool) lines.push(`- tool **${plain(tool.id)}**`);
  if (model) lines.push(`- model **${plain(model)}**`);
  return lines.length > 0 ? ['The demo received:', '', ...lines].join('\n') : null;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A name shown as text: no Markdown syntax, one line. */
function plain(text: string): string {
  return text
    .replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`)
    .replace(/\s+/g, ' ')
    .slice(0, 200);
}
