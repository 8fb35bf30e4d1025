/**
 * The script-tag demo pages (`npm start`: demo/index.html and demo/canvas.html) on phones and a
 * desktop window, in frames of those sizes, talking to the demo agent at /chatkit.
 */
import { expect, waitUntil } from '@open-wc/testing';

type Chat = HTMLElement & {
  setComposerValue(text: string): void;
  updateComplete: Promise<boolean>;
  responding: boolean;
};
interface DemoWindow extends Window {
  layoutProblems(minChatWidth: number): string[];
}

const SIZES = [
  { name: 'phone 390x844', width: 390, height: 844, minChat: 360 },
  { name: 'phone 320x640', width: 320, height: 640, minChat: 290 },
  { name: 'desktop 1280x800', width: 1280, height: 800, minChat: 400 },
];
const PAGES = ['/demo/index.html', '/demo/canvas.html'];

async function open(path: string, width: number, height: number) {
  // A fresh page: no thread remembered from an earlier test (the frame shares this origin).
  localStorage.clear();
  const frame = document.createElement('iframe');
  frame.style.cssText = `width: ${width}px; height: ${height}px; border: 0`;
  frame.src = path;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as DemoWindow;
  const doc = win.document;
  await win.customElements.whenDefined('stream-chat');
  const chat = doc.querySelector('stream-chat') as Chat;
  await chat.updateComplete;
  const script = doc.createElement('script');
  script.src = '/test/support/demo-layout.js';
  const ready = new Promise((resolve) => script.addEventListener('load', resolve, { once: true }));
  doc.head.append(script);
  await ready;
  return { frame, win, doc, chat };
}

/** Types and sends a message with the Send button, and waits for the demo agent's answer. */
async function chat(chatEl: Chat, text: string): Promise<void> {
  const answers = () => chatEl.shadowRoot?.querySelectorAll('[part~="assistant-message"]').length ?? 0;
  const before = answers();
  chatEl.setComposerValue(text);
  await chatEl.updateComplete;
  (chatEl.shadowRoot?.querySelector('[part~="send-button"]') as HTMLButtonElement).click();
  await waitUntil(() => answers() > before && !chatEl.responding, `an answer to "${text}"`, { timeout: 3000 });
}

describe('demo pages', () => {
  for (const path of PAGES) {
    for (const size of SIZES) {
      it(`${path} at ${size.name}: nothing wider than the window, chat header and composer on screen and usable`, async function () {
        this.timeout(15_000);
        const { frame, win, chat: chatEl } = await open(path, size.width, size.height);
        try {
          expect(win.layoutProblems(size.minChat)).to.deep.equal([]);
          await chat(chatEl, 'search streaming chat widgets');
          await chat(chatEl, 'status');
          // A conversation with results and long lines still fits.
          expect(win.layoutProblems(size.minChat)).to.deep.equal([]);
        } finally {
          frame.remove();
        }
      });
    }

    it(`${path} has a favicon (no 404)`, async () => {
      const { frame, doc } = await open(path, 390, 844);
      try {
        const icon = doc.querySelector<HTMLLinkElement>('link[rel="icon"]');
        expect(icon, 'a <link rel="icon">').to.not.equal(null);
        const response = await fetch(icon?.href ?? '');
        expect(response.status).to.equal(200);
        expect(response.headers.get('content-type')).to.match(/^image\/svg\+xml/);
      } finally {
        frame.remove();
      }
    });
  }

  for (const size of SIZES) {
    it(`a toast on / at ${size.name} leaves Send uncovered`, async function () {
      this.timeout(10_000);
      const { frame, win, doc, chat: chatEl } = await open('/demo/index.html', size.width, size.height);
      try {
        await chat(chatEl, 'notify');
        await waitUntil(() => doc.querySelector('.toast'), 'a toast shown');
        expect(win.layoutProblems(size.minChat)).to.deep.equal([]);
        const send = (chatEl.shadowRoot?.querySelector('[part~="send-button"]') as HTMLElement).getBoundingClientRect();
        const toast = (doc.querySelector('.toast') as HTMLElement).getBoundingClientRect();
        const overlaps =
          toast.left < send.right && send.left < toast.right && toast.top < send.bottom && send.top < toast.bottom;
        expect(overlaps, 'the toast overlaps Send').to.equal(false);
      } finally {
        frame.remove();
      }
    });
  }
});
