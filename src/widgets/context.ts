/**
 * What the lazily loaded renderers get from the element: data in, callbacks out.
 */
import type { JsonValue, StructuredInputSubmission, WidgetNode } from '../protocol/types.js';
import type { RichStrings } from '../i18n.js';

/** A widget action as the schema describes it (`ActionConfig`). */
export interface WidgetAction {
  type: string;
  payload?: JsonValue;
  handler?: 'server' | 'client';
  loadingBehavior?: 'auto' | 'none' | 'self' | 'container';
  streaming?: boolean;
}

/** One triggered action, with where its busy state shows. */
export interface ActionRequest {
  action: WidgetAction;
  /** The widget item, or null for an action sent from code without one. */
  itemId: string | null;
  widget: WidgetNode | null;
  /** The busy key to set while the action runs (a component or the whole widget), or null. */
  busyKey: string | null;
}

/** Everything the renderers need for one item. */
export interface RichContext {
  allowedImageDomains: readonly string[];
  /** Busy keys: an item id (the whole widget) or `itemId:path` (one component). */
  busy: ReadonlySet<string>;
  /** Items whose collapsible view the user toggled, with the state chosen. */
  expanded: ReadonlyMap<string, boolean>;
  streaming: boolean;
  strings: RichStrings;
  /** Renders markdown through the element's safe renderer. */
  markdown(text: string, streaming: boolean): unknown;
  /** Runs a widget action. */
  act(request: ActionRequest): void;
  /** Toggles a collapsible view. */
  toggle(itemId: string, open: boolean): void;
  /** Answers a structured input item. */
  answer(itemId: string, submission: StructuredInputSubmission): void;
}
