/**
 * The composer's tool and model menus: native `<select>`s, so keyboards, screen readers and
 * phones get the platform's own menu.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Strings } from '../i18n.js';
import type { ComposerModel, ComposerTool } from '../features.js';

/** Data and callbacks the menus need. */
export interface ComposerMenusProps {
  tools: readonly ComposerTool[];
  models: readonly ComposerModel[];
  tool: string;
  model: string;
  disabled: boolean;
  strings: Strings;
  onTool: (id: string) => void;
  onModel: (id: string) => void;
}

/** Renders the menus that have entries. */
export function renderComposerMenus(props: ComposerMenusProps): TemplateResult | typeof nothing {
  const { tools, models, strings: s } = props;
  if (!tools.length && !models.length) return nothing;
  const changed = (callback: (id: string) => void) => (event: Event) =>
    callback((event.target as HTMLSelectElement).value);
  return html`<div class="composer-menus">
    ${
      tools.length
        ? html`<select part="tool-menu" class="menu" aria-label=${s.tool} ?disabled=${props.disabled} @change=${changed(props.onTool)}>
          <option value="" ?selected=${!props.tool}>${s.noTool}</option>
          ${tools.map((tool) => html`<option value=${tool.id} ?selected=${tool.id === props.tool}>${tool.icon ? `${tool.icon} ` : ''}${tool.label}</option>`)}
        </select>`
        : nothing
    }
    ${
      models.length
        ? html`<select part="model-menu" class="menu" aria-label=${s.model} ?disabled=${props.disabled} @change=${changed(props.onModel)}>
          ${props.model ? nothing : html`<option value="" selected>${s.model}</option>`}
          ${models.map((model) => html`<option value=${model.id} ?selected=${model.id === props.model}>${model.label}</option>`)}
        </select>`
        : nothing
    }
  </div>`;
}
