/**
 * A React 19 app that embeds <stream-chat>. React 19 sets props on a defined custom element as
 * properties (objects and functions included) and turns `onstream-chat-effect` into
 * `addEventListener('stream-chat-effect')`, so no wrapper component is needed.
 */
import { useCallback, useMemo, useState } from 'react';
import 'stream-chat-element';
import type { StreamChatEventMap } from 'stream-chat-element';

type ChatEvent<K extends keyof StreamChatEventMap> = CustomEvent<StreamChatEventMap[K]>;

const ITEMS = ['apples', 'pears', 'plums', 'figs'];

export function App({ token }: { token: string }) {
  const [threadId, setThreadId] = useState<string | null>(null);
  const [title, setTitle] = useState('New conversation');
  const [selected, setSelected] = useState(['apples', 'pears']);
  const [responding, setResponding] = useState(false);
  const [progress, setProgress] = useState('');
  const [status, setStatus] = useState({ energy: 50, happiness: 50 });
  const [flash, setFlash] = useState('');
  const [log, setLog] = useState<string[]>([]);

  const note = useCallback((line: string) => setLog((lines) => [line, ...lines].slice(0, 50)), []);

  // Props keep their identity between renders (useMemo/useCallback), so re-rendering the app
  // does not re-render the chat.
  const headers = useMemo(() => ({ Authorization: `Bearer ${token}` }), [token]);

  const handleClientTool = useCallback(
    (event: ChatEvent<'stream-chat-client-tool'>) => {
      // Answer synchronously with a value or a promise; the element posts it to the server.
      if (event.detail.name === 'get_selected_items') event.detail.respondWith({ itemIds: selected });
      note(`client tool ${event.detail.name}`);
    },
    [selected, note],
  );

  const handleEffect = useCallback(
    (event: ChatEvent<'stream-chat-effect'>) => {
      // Effects are fire-and-forget: update state, never block the stream.
      const { name, data } = event.detail;
      if (name === 'update_status') {
        const state = data['state'] as { energy?: number; happiness?: number } | undefined;
        setStatus({ energy: state?.energy ?? 0, happiness: state?.happiness ?? 0 });
        setFlash(String(data['flash'] ?? ''));
      } else if (name === 'show_notification') {
        setFlash(String(data['message'] ?? ''));
      }
      note(`effect ${name}`);
    },
    [note],
  );

  const handleResponseEnd = useCallback(
    (event: ChatEvent<'stream-chat-response-end'>) => {
      setResponding(false);
      setProgress('');
      note(`response ${event.detail.reason}`);
    },
    [note],
  );

  const handleThreadChange = useCallback((event: ChatEvent<'stream-chat-thread-change'>) => {
    setThreadId(event.detail.threadId);
    if (!event.detail.threadId) setTitle('New conversation');
  }, []);

  const toggle = (item: string) =>
    setSelected((list) => (list.includes(item) ? list.filter((entry) => entry !== item) : [...list, item]));

  return (
    <main className="layout">
      <stream-chat
        apiUrl="/chatkit"
        threadId={threadId}
        headers={headers}
        history
        greeting="Try “selected”, “status” or “search”."
        onstream-chat-response-start={() => setResponding(true)}
        onstream-chat-response-end={handleResponseEnd}
        onstream-chat-progress={(event) => setProgress(event.detail.text)}
        onstream-chat-effect={handleEffect}
        onstream-chat-client-tool={handleClientTool}
        onstream-chat-thread-change={handleThreadChange}
        onstream-chat-thread-load-start={(event) => note(`loading ${event.detail.threadId}`)}
        onstream-chat-thread-load-end={(event) => note(`loaded ${event.detail.threadId}`)}
        onstream-chat-thread-update={(event) => setTitle(event.detail.thread.title ?? 'New conversation')}
        onstream-chat-notice={(event) => note(`notice: ${event.detail.message}`)}
        onstream-chat-error={(event) => note(`error ${event.detail.code}: ${event.detail.message}`)}
      />

      <aside>
        <h1>{title}</h1>
        <p>
          {responding ? 'Responding…' : 'Idle'} {progress && `· ${progress}`}
        </p>
        <p>
          Energy {status.energy} · Happiness {status.happiness}
        </p>
        {flash && <p role="status">{flash}</p>}
        <fieldset disabled={responding}>
          <legend>
            Selected items (the <code>get_selected_items</code> tool)
          </legend>
          {ITEMS.map((item) => (
            <label key={item}>
              <input type="checkbox" checked={selected.includes(item)} onChange={() => toggle(item)} /> {item}
            </label>
          ))}
        </fieldset>
        <button type="button" onClick={() => setThreadId(null)}>
          New conversation
        </button>
        <ol className="log">
          {log.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ol>
      </aside>
    </main>
  );
}
