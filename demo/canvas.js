// The interactive (map/canvas) pattern: lock the canvas while the assistant responds, let
// effects add markers, answer the `get_selected_items` client tool with the selection, and let a
// widget's buttons (client actions, the demo's `canvas` word) select shapes and drop markers.
const chat = document.querySelector('#chat');
const board = document.querySelector('#board');

const shapes = [
  { id: 'circle-a', x: 20, y: 30 },
  { id: 'circle-b', x: 45, y: 60 },
  { id: 'circle-c', x: 70, y: 25 },
  { id: 'circle-d', x: 80, y: 70 },
  { id: 'circle-e', x: 30, y: 80 },
];
const selected = new Set();
const buttons = new Map();
let locked = false;

for (const shape of shapes) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'shape';
  button.title = shape.id;
  button.setAttribute('aria-label', shape.id);
  button.setAttribute('aria-pressed', 'false');
  button.style.left = `${shape.x}%`;
  button.style.top = `${shape.y}%`;
  button.addEventListener('click', () => {
    if (locked) return;
    if (selected.has(shape.id)) selected.delete(shape.id);
    else selected.add(shape.id);
    button.setAttribute('aria-pressed', String(selected.has(shape.id)));
  });
  buttons.set(shape.id, button);
  board.append(button);
}

function select(ids) {
  selected.clear();
  for (const id of ids) if (buttons.has(id)) selected.add(id);
  for (const [id, button] of buttons) button.setAttribute('aria-pressed', String(selected.has(id)));
}

function addMarker(data) {
  const marker = document.createElement('span');
  marker.className = 'marker';
  marker.dataset.id = String(data.id);
  marker.textContent = String(data.label);
  marker.style.left = `${((Number(data.lng) + 180) / 360) * 100}%`;
  marker.style.top = `${((90 - Number(data.lat)) / 180) * 100}%`;
  board.append(marker);
}

// 1. Lock interactions during a response (and always unlock at its end, whatever happened).
chat.addEventListener('stream-chat-response-start', () => setLocked(true));
chat.addEventListener('stream-chat-response-end', () => setLocked(false));
function setLocked(on) {
  locked = on;
  board.classList.toggle('locked', on);
  board.toggleAttribute('inert', on);
}

// 2. Effects: fire-and-forget UI updates; DOM work is batched into one frame.
chat.addEventListener('stream-chat-effect', ({ detail: { name, data } }) => {
  if (name !== 'add_marker') return;
  requestAnimationFrame(() => addMarker(data));
});

// 3. Client tool through the `clientTools` property (the event works too, see index.js).
chat.clientTools = {
  get_selected_items: () => ({ itemIds: [...selected] }),
};

// 4. Widget actions whose handler is "client" (send "canvas"): the page acts, nothing is posted.
chat.addEventListener('stream-chat-action', ({ detail: { action } }) => {
  const payload = action.payload ?? {};
  if (action.type === 'canvas.select')
    select(payload.ids === 'all' ? shapes.map((shape) => shape.id) : (payload.ids ?? []));
  if (action.type === 'canvas.marker') addMarker(payload);
});
