import { ChangeDetectionStrategy, Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import 'stream-chat-element';
import type {
  ClientToolDetail,
  ClientToolHandler,
  EffectDetail,
  ErrorDetail,
  NoticeDetail,
  ProgressDetail,
  ResponseEndDetail,
  ThreadChangeDetail,
  ThreadLoadDetail,
  ThreadUpdateDetail,
} from 'stream-chat-element';

/**
 * A standalone Angular component that embeds <stream-chat>: `[property]` bindings, a
 * `(stream-chat-*)` binding for every event, a client tool answered from a signal and effects
 * that update signals. CUSTOM_ELEMENTS_SCHEMA tells Angular that <stream-chat> is a custom element.
 */
@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="layout">
      <stream-chat
        [apiUrl]="apiUrl"
        [threadId]="threadId()"
        [headers]="headers"
        [clientTools]="clientTools"
        [history]="true"
        greeting="Try “selected”, “status” or “search”."
        (stream-chat-response-start)="responding.set(true)"
        (stream-chat-response-end)="onResponseEnd($event)"
        (stream-chat-progress)="onProgress($event)"
        (stream-chat-effect)="onEffect($event)"
        (stream-chat-client-tool)="onClientTool($event)"
        (stream-chat-thread-change)="onThreadChange($event)"
        (stream-chat-thread-load-start)="onThreadLoad($event, 'loading')"
        (stream-chat-thread-load-end)="onThreadLoad($event, 'loaded')"
        (stream-chat-thread-update)="onThreadUpdate($event)"
        (stream-chat-notice)="onNotice($event)"
        (stream-chat-error)="onError($event)"
      ></stream-chat>

      <aside>
        <h1>{{ title() }}</h1>
        <p>{{ responding() ? 'Responding…' : 'Idle' }} @if (progress()) { · {{ progress() }} }</p>
        <p>Energy {{ status().energy }} · Happiness {{ status().happiness }}</p>
        @if (flash()) { <p role="status">{{ flash() }}</p> }
        <fieldset [disabled]="responding()">
          <legend>Selected items (the <code>get_selected_items</code> tool)</legend>
          @for (item of items; track item) {
            <label><input type="checkbox" [checked]="selected().includes(item)" (change)="toggle(item)" /> {{ item }}</label>
          }
        </fieldset>
        <button type="button" (click)="threadId.set(null)">New conversation</button>
        <ol class="log">
          @for (line of log(); track $index) { <li>{{ line }}</li> }
        </ol>
      </aside>
    </main>
  `,
  styles: `
    stream-chat {
      --stream-chat-accent: #dd0031;
    }
  `,
})
export class AppComponent {
  readonly apiUrl = '/chatkit';
  readonly items = ['apples', 'pears', 'plums', 'figs'];
  readonly selected = signal(['apples', 'pears']);
  readonly threadId = signal<string | null>(null);
  readonly title = signal('New conversation');
  readonly responding = signal(false);
  readonly progress = signal('');
  readonly status = signal({ energy: 50, happiness: 50 });
  readonly flash = signal('');
  readonly log = signal<string[]>([]);

  /** Bound objects keep their identity, so change detection does not re-render the chat. */
  readonly headers = { Authorization: 'Bearer demo-token' };

  /** Client tools answered without an event listener: the element calls these itself. */
  readonly clientTools: Record<string, ClientToolHandler> = {
    get_selected_items: () => ({ itemIds: this.selected() }),
  };

  toggle(item: string): void {
    this.selected.update((list) => (list.includes(item) ? list.filter((entry) => entry !== item) : [...list, item]));
  }

  onResponseEnd(event: CustomEvent<ResponseEndDetail>): void {
    this.responding.set(false);
    this.progress.set('');
    this.note(`response ${event.detail.reason}`);
  }

  onProgress(event: CustomEvent<ProgressDetail>): void {
    this.progress.set(event.detail.text);
  }

  onEffect(event: CustomEvent<EffectDetail>): void {
    // Effects are fire-and-forget: update state, never block the stream.
    const { name, data } = event.detail;
    if (name === 'update_status') {
      const state = data['state'] as { energy?: number; happiness?: number } | undefined;
      this.status.set({ energy: state?.energy ?? 0, happiness: state?.happiness ?? 0 });
      this.flash.set(String(data['flash'] ?? ''));
    } else if (name === 'show_notification') {
      this.flash.set(String(data['message'] ?? ''));
    }
    this.note(`effect ${name}`);
  }

  onClientTool(event: CustomEvent<ClientToolDetail>): void {
    // A listener may also answer, synchronously: event.detail.respondWith(valueOrPromise).
    // This one only logs, so the element falls back to `clientTools` above.
    this.note(`client tool ${event.detail.name}`);
  }

  onThreadChange(event: CustomEvent<ThreadChangeDetail>): void {
    this.threadId.set(event.detail.threadId);
    if (!event.detail.threadId) this.title.set('New conversation');
  }

  onThreadLoad(event: CustomEvent<ThreadLoadDetail>, phase: 'loading' | 'loaded'): void {
    this.note(`${phase} ${event.detail.threadId}`);
  }

  onThreadUpdate(event: CustomEvent<ThreadUpdateDetail>): void {
    this.title.set(event.detail.thread.title ?? this.title());
  }

  onNotice(event: CustomEvent<NoticeDetail>): void {
    this.note(`notice: ${event.detail.message}`);
  }

  onError(event: CustomEvent<ErrorDetail>): void {
    this.note(`error ${event.detail.code}: ${event.detail.message}`);
  }

  private note(line: string): void {
    this.log.update((lines) => [line, ...lines].slice(0, 50));
  }
}
