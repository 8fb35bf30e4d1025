/**
 * Renders an assistant message's text. The one place the message view asks for rendered text,
 * so the renderer can change without touching the views.
 */
import { html, type TemplateResult } from 'lit';
import type { Annotation } from '../protocol/types.js';

/** What the text renderer gets besides the text. */
export interface TextRenderOptions {
  /** Identifies the message, so a renderer can keep per-message state. */
  key: string;
  streaming: boolean;
  annotations: readonly Annotation[];
  allowedImageDomains: readonly string[];
  copyLabel: string;
  copiedLabel: string;
}

/** Renders model text as plain text (no markup is interpreted). */
export function renderAssistantText(text: string, _options: TextRenderOptions): TemplateResult {
  return html`<p class="plain">${text}</p>`;
}
