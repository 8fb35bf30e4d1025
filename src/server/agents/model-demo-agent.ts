/**
 * The demo agent backed by a real model (`npm start` with `OPENAI_API_KEY`): the deterministic
 * demo's tools (article search with progress, status and notification effects, map markers, the
 * page's selection as a client tool) given to `createAgentResponder` with a system prompt.
 */
import type { JsonObject, JsonValue } from '../../protocol/types.js';
import type { RespondFn } from '../types.js';
import {
  createAgentResponder,
  type AgentClientTool,
  type AgentFunctionTool,
  type AgentResponderOptions,
} from './agent-responder.js';

/** Options of {@link createModelDemoAgent}: those of `createAgentResponder` but the tools. */
export type ModelDemoAgentOptions<C = unknown> = Omit<
  AgentResponderOptions<C>,
  'instructions' | 'tools' | 'clientTools'
> & {
  /** Replaces the demo's system prompt. */
  instructions?: string;
};

/** The demo's system prompt. */
export const MODEL_DEMO_INSTRUCTIONS = [
  'You are the assistant on the demo pages of <stream-chat>, a chat web component. Answer briefly, in Markdown.',
  'Use the tools when they fit:',
  '- search_articles: search the demo article catalogue; it shows progress while it works.',
  '- update_status: set the energy and happiness meters on the page (0-100) with a short flash message.',
  '- show_notification: show a toast on the page.',
  '- add_marker: put a labelled marker on the map or canvas at a latitude and longitude.',
  '- get_selected_items: ask the page which items the user selected; call it whenever the user refers to their selection.',
  'When asked to mark the selection, first call get_selected_items, then add_marker once per selected item',
  '(spread the markers over the map and label each with the item id). Never invent a selection.',
].join('\n');

interface Article {
  title: string;
  summary: string;
}

const ARTICLES: Article[] = [
  {
    title: 'Streaming responses with server-sent events',
    summary: 'Why text/event-stream keeps a chat UI responsive.',
  },
  {
    title: 'Client effects versus client tools',
    summary: 'Fire-and-forget page updates versus questions the page answers.',
  },
  { title: 'Progress updates', summary: 'Keeping users informed during long operations.' },
  {
    title: 'Locking the UI during a response',
    summary: 'Preventing race conditions between the page and the assistant.',
  },
  { title: 'Thread titles from a small model', summary: 'Naming conversations after their first message.' },
  { title: 'Retrying failed responses', summary: 'What allow_retry means and when to offer it.' },
];

const STRING = { type: 'string' } as const;
const NUMBER = { type: 'number' } as const;

/** The server-side demo tools: the same effects and progress as the deterministic demo agent. */
function demoTools<C>(): AgentFunctionTool<C>[] {
  return [
    {
      name: 'search_articles',
      description: 'Searches the demo article catalogue. Returns matching articles with title and summary.',
      parameters: {
        type: 'object',
        properties: { query: { ...STRING, description: 'What to look for.' } },
        required: ['query'],
      },
      progress: { text: 'Searching articles...', icon: 'search' },
      execute(args, ctx) {
        const query = typeof args.query === 'string' ? args.query : '';
        const words = query
          .toLowerCase()
          .split(/\W+/)
          .filter((word) => word.length > 2);
        const scored = ARTICLES.map((article) => ({
          article,
          score: words.filter((word) => `${article.title} ${article.summary}`.toLowerCase().includes(word)).length,
        }));
        const found = scored.filter((entry) => entry.score > 0).sort((a, b) => b.score - a.score);
        const results = (found.length > 0 ? found : scored).slice(0, 3).map((entry) => entry.article);
        ctx.progress(`Found ${results.length} articles...`);
        results.forEach((_, index) => ctx.progress(`Processing article ${index + 1}/${results.length}...`));
        return results.map((article) => ({ ...article }));
      },
    },
    {
      name: 'update_status',
      description: 'Sets the energy and happiness meters on the page, with a short flash message.',
      parameters: {
        type: 'object',
        properties: {
          energy: { ...NUMBER, description: '0 to 100.' },
          happiness: { ...NUMBER, description: '0 to 100.' },
          flash: STRING,
        },
        required: ['energy', 'happiness', 'flash'],
      },
      progress: 'Updating your status...',
      execute(args, ctx) {
        const state = { energy: percent(args.energy), happiness: percent(args.happiness) };
        ctx.effect('update_status', { state, flash: typeof args.flash === 'string' ? args.flash : 'Status updated!' });
        return `Status set to energy ${state.energy}, happiness ${state.happiness}.`;
      },
    },
    {
      name: 'show_notification',
      description: 'Shows a short toast notification on the page.',
      parameters: { type: 'object', properties: { message: STRING }, required: ['message'] },
      progress: false,
      execute(args, ctx) {
        ctx.effect('show_notification', { message: typeof args.message === 'string' ? args.message : '' });
        return 'Notification shown.';
      },
    },
    {
      name: 'add_marker',
      description: 'Adds a labelled marker to the map or canvas on the page.',
      parameters: {
        type: 'object',
        properties: {
          label: STRING,
          lat: { ...NUMBER, description: '-90 to 90.' },
          lng: { ...NUMBER, description: '-180 to 180.' },
        },
        required: ['label', 'lat', 'lng'],
      },
      progress: 'Adding a marker...',
      execute(args, ctx) {
        const marker = markerFrom(args);
        ctx.effect('add_marker', marker);
        return `Marker "${marker.label}" added at ${marker.lat}, ${marker.lng}.`;
      },
    },
  ];
}

const CLIENT_TOOLS: AgentClientTool[] = [
  {
    name: 'get_selected_items',
    description: 'Returns the ids of the items the user selected on the page, as {"itemIds": [...]}.',
    progress: 'Reading selection...',
  },
];

/**
 * Creates the demo pages' agent on a real model: the deterministic demo agent's tools
 * (`search_articles` with progress, the `update_status`, `show_notification` and `add_marker`
 * effects, the `get_selected_items` client tool) given to a model through
 * {@link createAgentResponder}. Needs `@openai/agents` and an API key.
 *
 * @param options - Model, title and provider settings (see `createAgentResponder`).
 * @returns A respond function for `ChatKitServer`.
 */
export function createModelDemoAgent<C = unknown>(options: ModelDemoAgentOptions<C> = {}): RespondFn<C> {
  return createAgentResponder<C>({
    name: 'Demo assistant',
    ...options,
    instructions: options.instructions ?? MODEL_DEMO_INSTRUCTIONS,
    tools: demoTools<C>(),
    clientTools: CLIENT_TOOLS,
  });
}

function percent(value: JsonValue | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(Math.min(100, Math.max(0, value))) : 0;
}

function markerFrom(args: JsonObject): { id: string; lat: number; lng: number; label: string } {
  const label = (typeof args.label === 'string' && args.label.trim() !== '' ? args.label.trim() : 'Marker').slice(
    0,
    40,
  );
  const clamp = (value: JsonValue | undefined, limit: number) =>
    typeof value === 'number' && Number.isFinite(value)
      ? Number(Math.min(limit, Math.max(-limit, value)).toFixed(2))
      : 0;
  const lat = clamp(args.lat, 90);
  const lng = clamp(args.lng, 180);
  return { id: `marker_${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}_${lat}_${lng}`, lat, lng, label };
}
