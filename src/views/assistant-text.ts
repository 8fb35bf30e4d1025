/**
 * Renders an assistant message's text. The one place the message view asks for rendered text,
 * so the renderer can change without touching the views.
 */
import type { TemplateResult } from 'lit';
import type { Annotation } from '../protocol/types.js';
import { renderMarkdown, type MarkdownStrings } from '../markdown/render.js';

/** What the text renderer gets besides the text. */
export interface TextRenderOptions {
  /** Identifies the message part, so the renderer keeps its parse state between deltas. */
  key: string;
  streaming: boolean;
  annotations: readonly Annotation[];
  allowedImageDomains: readonly string[];
  strings: MarkdownStrings;
}

/** Renders model text as streaming-safe markdown. */
export function renderAssistantText(text: string, options: TextRenderOptions): TemplateResult {
  return renderMarkdown(text, options);
}
