// The script-tag quick start: listen to the element's DOM events and answer its client tool.
import { EVENT_NAMES } from '/dist/stream-chat.js';
const chat = document.querySelector('#chat');
const log = document.querySelector('#log');
const $ = (selector) => document.querySelector(selector);

// ChatKit's composer and message features; without an API key the demo backend describes what
// each message carried (files, tool, model) and dictation answers a fixed transcript.
chat.attachments = {
  accept: ['image/*', 'text/plain', 'text/markdown', 'text/csv', 'application/json', 'application/pdf', '.md'],
  maxSize: 10 * 1024 * 1024,
  maxCount: 4,
};
chat.dictation = true;
chat.threadItemActions = { copy: true, feedback: true, retry: true };
chat.startPrompts = [
  { label: 'Search the web', prompt: 'search streaming chat widgets' },
  { label: 'Show a widget', prompt: 'widget' },
  { label: 'Think it through', prompt: 'workflow' },
];
chat.composerTools = [{ id: 'search', label: 'Search', placeholder: 'Search for anything' }];
chat.composerModels = [
  { id: 'fast', label: 'Fast' },
  { id: 'smart', label: 'Smart', default: true },
];

for (const name of EVENT_NAMES) {
  chat.addEventListener(name, (event) => {
    const entry = document.createElement('li');
    const detail = { ...event.detail };
    delete detail.respondWith;
    entry.textContent = `${name.replace('stream-chat-', '')} ${JSON.stringify(detail)}`;
    log.prepend(entry);
    while (log.children.length > 60) log.lastElementChild.remove();
  });
}

chat.addEventListener('stream-chat-response-start', () => setResponding(true));
chat.addEventListener('stream-chat-response-end', () => setResponding(false));
function setResponding(on) {
  $('#responding').textContent = on ? 'responding' : 'idle';
  $('#responding').classList.toggle('busy', on);
  $('#items').toggleAttribute('inert', on);
}

// Effects are fire-and-forget: update the page, never block.
chat.addEventListener('stream-chat-effect', ({ detail: { name, data } }) => {
  if (name === 'update_status') {
    $('#energy').value = data.state?.energy ?? 0;
    $('#happiness').value = data.state?.happiness ?? 0;
    $('#flash').textContent = data.flash ?? '';
  } else if (name === 'show_notification') {
    toast(data.message);
  } else if (name === 'add_marker') {
    toast(`Marker “${data.label}” at ${data.lat}, ${data.lng} (see the canvas page)`);
  }
});

// Client tool: the server asks the page for state and waits for the answer.
const selected = new Set(['apples', 'pears']);
chat.addEventListener('stream-chat-client-tool', (event) => {
  if (event.detail.name === 'get_selected_items') event.detail.respondWith({ itemIds: [...selected] });
});

for (const name of ['apples', 'pears', 'plums', 'figs', 'kiwis']) {
  const chip = document.createElement('button');
  chip.type = 'button';
  chip.textContent = name;
  chip.setAttribute('aria-pressed', String(selected.has(name)));
  chip.addEventListener('click', () => {
    if (selected.has(name)) selected.delete(name);
    else selected.add(name);
    chip.setAttribute('aria-pressed', String(selected.has(name)));
  });
  $('#items').append(chip);
}

function toast(message) {
  const el = document.createElement('div');
  el.className = 'toast';
  el.textContent = message;
  $('#toasts').append(el);
  setTimeout(() => el.remove(), 4000);
}
