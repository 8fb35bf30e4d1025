/**
 * Types of the composer and message features a page turns on with element properties:
 * attachments, item actions, start prompts, and the tool and model menus. Types only.
 */
import type { Attachment } from './protocol/types.js';

/** Which files may be attached: MIME types or extensions (`image/*`, `.pdf`), bytes per file, files per message. */
export interface AttachmentLimits {
  accept?: string[] | string;
  maxSize?: number;
  maxCount?: number;
}

/** How files reach the server (ChatKit's two strategies). */
export type UploadStrategy = { type: 'two_phase' } | { type: 'direct'; uploadUrl: string };

/** One file in the composer. */
export interface PendingFile {
  readonly key: number;
  readonly file: File;
  status: 'uploading' | 'done' | 'failed';
  /** 0 to 1. */
  progress: number;
  /** The server's attachment (two-phase: from `attachments.create` on). */
  attachment: Attachment | null;
  /** A local `blob:` URL for an image's thumbnail. */
  readonly preview: string | null;
  request: XMLHttpRequest | null;
}

/** Which actions show under each finished answer. */
export interface ThreadItemActions {
  copy?: boolean;
  feedback?: boolean;
  retry?: boolean;
}

export type FeedbackKind = 'positive' | 'negative';

/** A suggested prompt on the start screen. */
export interface StartPrompt {
  label: string;
  prompt: string;
  icon?: string;
}

/** A tool the user can pick in the composer. */
export interface ComposerTool {
  id: string;
  label: string;
  icon?: string;
  /** Replaces the composer's placeholder while the tool is chosen. */
  placeholder?: string;
}

/** A model the user can pick in the composer. */
export interface ComposerModel {
  id: string;
  label: string;
  default?: boolean;
}
