/**
 * The thread list (history panel) state and its pure reducer.
 */
import type { ThreadMetadata } from '../protocol/types.js';

/** What the history panel shows. */
export interface HistoryState {
  open: boolean;
  threads: readonly ThreadMetadata[];
  /** Cursor of the next page, when there is one. */
  after: string | null;
  hasMore: boolean;
  loading: boolean;
  /** True once the first page arrived (so an empty list means "no conversations"). */
  loaded: boolean;
  failed: boolean;
  /** The row being renamed or confirming a delete. */
  editing: { id: string; mode: 'rename' | 'delete' } | null;
}

/** What happened to the thread list. */
export type HistoryAction =
  | { type: 'history-toggled'; open: boolean }
  | { type: 'page-requested' }
  | { type: 'page-loaded'; threads: ThreadMetadata[]; after: string | null; hasMore: boolean; reset: boolean }
  | { type: 'page-failed' }
  | { type: 'thread-seen'; thread: ThreadMetadata }
  | { type: 'thread-removed'; id: string }
  | { type: 'editing-changed'; editing: HistoryState['editing'] };

/** A closed, empty panel. */
export const initialHistory: HistoryState = {
  open: false,
  threads: [],
  after: null,
  hasMore: false,
  loading: false,
  loaded: false,
  failed: false,
  editing: null,
};

/** Applies one action. */
export function reduceHistory(state: HistoryState, action: HistoryAction): HistoryState {
  switch (action.type) {
    case 'history-toggled':
      return { ...state, open: action.open, editing: action.open ? state.editing : null };
    case 'page-requested':
      return { ...state, loading: true, failed: false };
    case 'page-loaded': {
      const known = action.reset ? [] : state.threads;
      const ids = new Set(known.map((thread) => thread.id));
      return {
        ...state,
        threads: [...known, ...action.threads.filter((thread) => !ids.has(thread.id))],
        after: action.after,
        hasMore: action.hasMore,
        loading: false,
        loaded: true,
      };
    }
    case 'page-failed':
      return { ...state, loading: false, failed: true };
    case 'thread-seen': {
      const index = state.threads.findIndex((thread) => thread.id === action.thread.id);
      if (index < 0) return state.loaded ? { ...state, threads: [action.thread, ...state.threads] } : state;
      const threads = state.threads.slice();
      threads[index] = action.thread;
      return { ...state, threads };
    }
    case 'thread-removed':
      return {
        ...state,
        threads: state.threads.filter((thread) => thread.id !== action.id),
        editing: state.editing?.id === action.id ? null : state.editing,
      };
    case 'editing-changed':
      return { ...state, editing: action.editing };
    default: {
      const unknownAction: never = action;
      return unknownAction;
    }
  }
}
