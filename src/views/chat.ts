/**
 * The whole widget: the history panel, the header, the message list with its status lines, and
 * the composer (or the closed-thread banner). Composes the other views from one set of props.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ChatState, ShownNotice } from '../state/reducer.js';
import { directionOf, type Strings } from '../i18n.js';
import { renderMessages, renderScrollButton, type MessagesProps, type ScrollButtonProps } from './messages.js';
import { renderComposer } from './composer.js';
import { placeNotices, renderError, renderNotices, renderProgress } from './status.js';
import type { HistoryPanel } from './history.js';
import { renderHeader } from './header.js';
import { renderStartScreen } from './start-screen.js';
import type { ItemActionsProps } from './item-actions.js';
import type { ComposerMenusProps } from './composer-menus.js';
import type { ComposerViews } from './composer-extras.js';
import type { PendingFile, StartPrompt } from '../features.js';

/** The props of the features a page turns on: attachments, dictation, item actions, prompts, menus. */
export interface FeatureProps {
  strings: Strings;
  busy: boolean;
  prompts: readonly StartPrompt[];
  onPrompt: (prompt: string) => void;
  actions: ItemActionsProps;
  /** The views of attachments and the menus: null until a property asks for them and they load. */
  views: ComposerViews | null;
  imageAllowed: (url: string) => boolean;
  /** Attaching is on: the file input's `accept`, the pending files, the last refusal, a drag over the element. */
  attach: { accept: string; files: readonly PendingFile[]; message: string; dragging: boolean } | null;
  onFiles: (files: FileList | null) => void;
  onDrag: (event: DragEvent) => void;
  onPaste: (event: ClipboardEvent) => void;
  onRemove: (key: number) => void;
  onRetryUpload: (key: number) => void;
  dictation: { status: 'idle' | 'recording' | 'transcribing'; message: string } | null;
  onDictate: () => void;
  menus: ComposerMenusProps;
  /** The chosen tool's placeholder, which replaces the composer's while it is chosen. */
  toolPlaceholder: string | undefined;
}

/** Data and callbacks the widget needs. */
export interface ChatProps {
  state: ChatState;
  strings: Strings;
  locale: string;
  narrow: boolean;
  /** Whether the history toggle is shown. */
  history: boolean;
  /** The open history panel with its view (loaded on first use), or null. */
  panel: HistoryPanel | null;
  greeting: string | undefined;
  placeholder: string | undefined;
  /** Screen-reader text for a finished answer. */
  announcement: string;
  /** The localized text of the shown error. */
  errorMessage: string;
  /** Renders widgets, workflows, structured input and generated images (see `MessagesProps`). */
  renderRich?: MessagesProps['renderRich'];
  live?: MessagesProps['live'];
  /** The "jump to newest" button, or null. */
  scrollButton: ScrollButtonProps | null;
  onScroll: (event: Event) => void;
  onToggleHistory: () => void;
  onNewThread: () => void;
  onRetry: () => void;
  onDismissError: () => void;
  onDismissNotice: (id: number) => void;
  onInput: (value: string) => void;
  onSubmit: () => void;
  onStop: () => void;
  /** A message waiting for the running answer, and how to take it back. */
  queued: string | null;
  onCancelQueued: () => void;
  features: FeatureProps;
}

/** A stable empty list, so cached markdown blocks stay cached when a thread allows no images. */
const NO_DOMAINS: readonly string[] = [];

/**
 * Renders the widget. The history panel follows the conversation in the DOM, so it comes after its
 * toggle in focus order; CSS shows it first. (Comments stay out of templates, which ship as written.)
 */
export function renderChat(props: ChatProps): TemplateResult {
  const { state, strings: s } = props;
  const status = state.thread?.status;
  const locked = status?.type === 'locked';
  const responding = state.run !== null;
  const empty = !state.items.length && !state.loading;
  const notices = placeNotices(state.notices, new Set(state.items.map((item) => item.id)));
  const showNotices = (list: readonly ShownNotice[] | undefined) =>
    list ? renderNotices(list, s, props.onDismissNotice) : nothing;
  const f = props.features;
  const drag = f.attach ? f.onDrag : null;
  return html`<div class="root ${props.narrow ? 'narrow' : ''} ${f.attach?.dragging ? 'dragging' : ''}" dir=${directionOf(props.locale)} lang=${props.locale}
    @dragenter=${drag} @dragover=${drag} @dragleave=${drag} @drop=${drag} @paste=${f.onPaste}>
    <div class="main">
      ${renderHeader({
        title: state.thread?.title,
        history: props.history,
        historyOpen: props.panel !== null,
        canStartNew: state.thread !== null || state.items.length > 0,
        strings: s,
        onToggleHistory: props.onToggleHistory,
        onNewThread: props.onNewThread,
      })}
      <div part="messages" role="log" aria-live="off" aria-label=${s.messages} aria-busy=${state.loading ? 'true' : 'false'} tabindex="0" @scroll=${props.onScroll}>
        ${state.loadingOlder ? html`<div class="older" role="status">${s.loadingOlder}</div>` : nothing}
        ${state.loading ? html`<div class="empty" role="status">${s.loading}</div>` : nothing}
        ${empty ? renderStartScreen({ greeting: props.greeting, prompts: f.prompts, disabled: responding, strings: s, onPrompt: f.onPrompt }) : nothing}
        <div class="items">
          ${showNotices(notices.before)}
          ${renderMessages({
            items: state.items,
            streaming: state.streaming,
            allowedImageDomains: state.thread?.allowed_image_domains ?? NO_DOMAINS,
            strings: s,
            locale: props.locale,
            incomplete: state.incomplete,
            after: (id) => showNotices(notices.after.get(id)),
            actions: f.actions,
            imageAllowed: f.imageAllowed,
            renderRich: props.renderRich,
            live: props.live,
          })}
          ${showNotices(notices.loose)}
        </div>
        ${renderProgress(state.progress)}
        ${renderError({ error: state.error, message: props.errorMessage, responding, strings: s, onRetry: props.onRetry, onDismiss: props.onDismissError })}
        ${renderScrollButton(props.scrollButton, s)}
      </div>
      <div class="visually-hidden" aria-live="polite">${props.announcement}</div>
      ${
        status?.type === 'closed'
          ? html`<div class="banner closed-banner" role="status" dir="auto">${status.reason ?? s.closed}</div>`
          : html`${f.attach && f.views ? f.views.renderPending({ ...f.attach, strings: s, onRemove: f.onRemove, onRetry: f.onRetryUpload }) : nothing}
          ${f.dictation?.message ? html`<div class="composer-message" role="alert">${f.dictation.message}</div>` : nothing}
          ${f.attach?.dragging ? html`<div class="drop-hint" aria-hidden="true">${s.dropFiles}</div>` : nothing}
          ${renderComposer({
            value: state.draft,
            placeholder: locked
              ? (status.reason ?? s.locked)
              : (f.toolPlaceholder ?? props.placeholder ?? s.placeholder),
            extras: renderExtras(f, responding || state.loading || locked),
            disabled: locked,
            ready: f.attach?.files.some((file) => file.status === 'done') === true,
            responding,
            queued: props.queued,
            onCancelQueued: props.onCancelQueued,
            allowCancel: state.allowCancel,
            strings: s,
            onInput: props.onInput,
            onSubmit: props.onSubmit,
            onStop: props.onStop,
          })}`
      }
    </div>
    <!-- The panel follows the conversation in the DOM, so it comes after its toggle in focus order; CSS shows it first. -->
    ${props.panel ? props.panel.render(props.panel) : nothing}
  </div>`;
}

/** The feature controls inside the composer: attach, dictation, the tool and model menus. */
function renderExtras(f: FeatureProps, disabled: boolean): TemplateResult {
  const views = f.views;
  return html`${f.attach && views ? views.renderAttachButton(f.attach.accept, disabled, f.strings, f.onFiles) : nothing}
    ${views ? views.renderComposerMenus({ ...f.menus, disabled }) : nothing}
    ${f.dictation && views ? views.renderDictationButton(f.dictation.status, disabled, f.strings, f.onDictate) : nothing}`;
}
