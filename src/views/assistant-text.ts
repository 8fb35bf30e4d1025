/**
 * Renders an assistant message's text. The one place the message view asks for rendered text,
 * so the renderer can change without touching the views.
 */
import type { Annotation } from '../protocol/types.js';
import { renderMarkdown, type MarkdownStrings, type RenderMarkdownOptions } from '../markdown/render.js';

/** What the text renderer gets besides the text. */
export interface TextRenderOptions {
  streaming: boolean;
  annotations: readonly Annotation[];
  allowedImageDomains: readonly string[];
  strings: MarkdownStrings;
  /** Where a streamed delta renders without the element's update (see `LiveMarkdown`). */
  live?: RenderMarkdownOptions['live'];
}

/**
 * Renders model text as streaming-safe markdown. Render it in the same place on every delta:
 * the parse state and the blocks' DOM live on that template part.
 */
export function renderAssistantText(text: string, options: TextRenderOptions): unknown {
  return renderMarkdown(text, options);
}
