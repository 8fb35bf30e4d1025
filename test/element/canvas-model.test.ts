import { expect, waitUntil } from '@open-wc/testing';

/** The demo's canvas page, driven through the agent bridge by a scripted model. */
describe('demo canvas page with the real-model backend', () => {
  it('locks the board, reads the selection with the client tool, and adds a marker per selected shape', async () => {
    const call = (name: string, args: Record<string, unknown> = {}) => ({
      type: 'call',
      name,
      arguments: args,
      callId: `call_${name}_${Math.random().toString(36).slice(2)}`,
    });
    await fetch('/api/model-script', {
      method: 'POST',
      body: JSON.stringify({
        replies: [
          { type: 'response', output: [call('get_selected_items')] },
          {
            type: 'response',
            output: [
              call('add_marker', { label: 'circle-a', lat: 40, lng: -100 }),
              call('add_marker', { label: 'circle-c', lat: 60, lng: 70 }),
            ],
          },
          { type: 'response', output: [{ type: 'text', chunks: ['I marked ', 'circle-a and circle-c.'] }] },
        ],
      }),
    });

    const frame = document.createElement('iframe');
    frame.style.width = '1000px';
    frame.style.height = '700px';
    frame.src = '/demo/canvas.html';
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    try {
      await loaded;
      const doc = frame.contentDocument as Document;
      await (frame.contentWindow as Window).customElements.whenDefined('stream-chat');
      const chat = doc.querySelector('stream-chat') as HTMLElement & {
        apiUrl: string;
        send(text: string): Promise<void>;
      };
      const board = doc.querySelector('#board') as HTMLElement;
      (doc.querySelector('[aria-label="circle-a"]') as HTMLButtonElement).click();
      (doc.querySelector('[aria-label="circle-c"]') as HTMLButtonElement).click();
      chat.apiUrl = '/api/model';

      const lockedDuring: boolean[] = [];
      chat.addEventListener('stream-chat-client-tool', () => lockedDuring.push(board.classList.contains('locked')));
      await chat.send('Mark my selection on the canvas');
      await waitUntil(() => doc.querySelectorAll('.marker').length === 2, 'two markers');

      expect(lockedDuring).to.deep.equal([true]);
      expect(board.classList.contains('locked')).to.equal(false);
      expect(Array.from(doc.querySelectorAll('.marker'), (marker) => marker.textContent)).to.deep.equal([
        'circle-a',
        'circle-c',
      ]);
      const answers = Array.from(
        chat.shadowRoot?.querySelectorAll('[part~="assistant-message"] .bubble') ?? [],
        (node) => node.textContent?.trim(),
      );
      expect(answers.at(-1)).to.equal('I marked circle-a and circle-c.');
      // The model saw what the page answered.
      const inputs = (await (await fetch('/api/model-requests')).json()) as { type?: string; output?: string }[][];
      const outputs = inputs
        .flat()
        .filter((item) => item?.type === 'function_call_output')
        .map((item) => item.output);
      expect(outputs).to.include('{"itemIds":["circle-a","circle-c"]}');
    } finally {
      frame.remove();
    }
  });
});
