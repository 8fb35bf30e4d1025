// Loaded into a demo page (a <script>, or Puppeteer's addScriptTag): defines layoutProblems(),
// which lists what a user of that page at its current window size would find broken. Plain
// script with no imports, so the element tests and the Vite demo tests share it as it is.
globalThis.layoutProblems = (minChatWidth) => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  const height = window.innerHeight;
  const name = (el) => {
    const part = el.getAttribute('part');
    return (
      el.localName +
      (el.id ? `#${el.id}` : '') +
      (part
        ? `[part="${part}"]`
        : el.className && typeof el.className === 'string'
          ? `.${el.className.split(' ')[0]}`
          : '')
    );
  };

  if (document.documentElement.scrollWidth > width)
    problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth}px wide in ${width}px)`);

  // Nothing sticks out of the window sideways. Content of a box that clips or scrolls is that
  // box's business, so the walk does not go inside one.
  const walk = (root) => {
    for (const el of root.children) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.height > 0 && (box.left < -1 || box.right > width + 1)) {
        problems.push(`${name(el)} spans ${Math.round(box.left)}..${Math.round(box.right)}px in a ${width}px window`);
      }
      if (getComputedStyle(el).overflowX !== 'visible') continue;
      if (el.shadowRoot) walk(el.shadowRoot);
      walk(el);
    }
  };
  walk(document.body);

  const chat = document.querySelector('stream-chat');
  if (!chat?.shadowRoot) return [...problems, 'no rendered <stream-chat>'];
  const chatBox = chat.getBoundingClientRect();
  if (chatBox.width < minChatWidth)
    problems.push(`the chat is ${Math.round(chatBox.width)}px wide (at least ${minChatWidth}px expected)`);
  if (chatBox.height > height)
    problems.push(`the chat is ${Math.round(chatBox.height)}px tall in a ${height}px window`);

  // Nothing else on the page shares the chat's space (fixed overlays such as toasts aside: they
  // come and go, and the toast test checks them against Send).
  const overlapping = (root) => {
    for (const el of root.children) {
      if (el === chat || getComputedStyle(el).position === 'fixed') continue;
      if (el.contains(chat)) {
        overlapping(el);
        continue;
      }
      const box = el.getBoundingClientRect();
      const shared =
        Math.min(box.right, chatBox.right) - Math.max(box.left, chatBox.left) > 1 &&
        Math.min(box.bottom, chatBox.bottom) - Math.max(box.top, chatBox.top) > 1;
      if (box.width > 0 && box.height > 0 && shared) problems.push(`${name(el)} overlaps the chat`);
      // A child can stick out of a box that does not clip it.
      else if (getComputedStyle(el).overflow === 'visible') overlapping(el);
    }
  };
  overlapping(document.body);

  // Scrolled to the chat, its header, input and Send button are on screen and on top.
  chat.scrollIntoView({ block: 'start' });
  for (const part of ['header', 'input', 'send-button']) {
    const el = chat.shadowRoot.querySelector(`[part~="${part}"]`);
    if (!el) {
      problems.push(`no ${part}`);
      continue;
    }
    const box = el.getBoundingClientRect();
    if (box.top < -1 || box.bottom > height + 1) {
      problems.push(`${part} is off screen (${Math.round(box.top)}..${Math.round(box.bottom)}px in ${height}px)`);
      continue;
    }
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    const onTop = document.elementFromPoint(x, y);
    const inside = chat.shadowRoot.elementFromPoint(x, y);
    if (onTop !== chat || !inside || !el.contains(inside))
      problems.push(`${part} is covered by ${onTop === chat ? name(inside ?? chat) : onTop ? name(onTop) : 'nothing'}`);
  }
  return problems;
};
