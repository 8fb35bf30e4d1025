/**
 * Form controls of the widget schema: Button, Label, Input, Textarea, Select, DatePicker,
 * Checkbox and RadioGroup, as native elements labelled by their `Label` (or their `name`), and
 * the form-value collection ChatKit does on submit.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { inlineStyle } from './inline-style.js';
import type { JsonObject, JsonValue, WidgetNode } from '../protocol/types.js';
import type { ActionRequest } from './context.js';
import { icon } from './icons.js';
import { color, textStyles, token } from './tokens.js';
import { actionOf, request, type Scope } from './widget.js';

type Node = WidgetNode & Record<string, unknown>;

/** Component types this module renders. */
export const CONTROL_TYPES: ReadonlySet<string> = new Set([
  'Button',
  'Label',
  'Input',
  'Textarea',
  'Select',
  'DatePicker',
  'Checkbox',
  'RadioGroup',
]);

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const SIZES = ['3xs', '2xs', 'xs', 'sm', 'md', 'lg', 'xl', '2xl', '3xl'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}/;

/** The element id of a field, unique per widget item. */
const fieldId = (scope: Scope, name: string) => `w-${scope.itemId}-${name}`;

/** Sets `value` at a dotted `name` (`address.city`) in `target`. */
function assign(target: JsonObject, name: string, value: JsonValue): void {
  const keys = name.split('.');
  let node = target;
  keys.slice(0, -1).forEach((key) => {
    const next = node[key];
    node = next && typeof next === 'object' && !Array.isArray(next) ? (next as JsonObject) : (node[key] = {});
  });
  node[keys.at(-1) as string] = value;
}

/** The named values of a form, as ChatKit sends them: checkboxes `true` when checked, dotted names nested. */
export function collectForm(form: HTMLFormElement): JsonObject {
  const values: JsonObject = {};
  for (const element of Array.from(form.elements)) {
    if (!(
      element instanceof HTMLInputElement ||
      element instanceof HTMLSelectElement ||
      element instanceof HTMLTextAreaElement
    ))
      continue;
    if (!element.name || element.disabled) continue;
    if (element instanceof HTMLInputElement && (element.type === 'checkbox' || element.type === 'radio')) {
      if (element.checked) assign(values, element.name, element.type === 'checkbox' ? true : element.value);
      continue;
    }
    assign(values, element.name, element.value);
  }
  return values;
}

/** Merges form values into the action's payload; the action's own keys win. */
export function formAction(req: ActionRequest, values: JsonObject): ActionRequest {
  const own = req.action.payload;
  if (own !== undefined && (own === null || typeof own !== 'object' || Array.isArray(own))) return req;
  return { ...req, action: { ...req.action, payload: { ...values, ...(own ?? {}) } } };
}

function onChange(node: Node, path: string, scope: Scope) {
  const action = actionOf(node.onChangeAction);
  if (!action) return undefined;
  const name = str(node.name);
  return (event: Event) => {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    const value: JsonValue =
      target instanceof HTMLInputElement && target.type === 'checkbox' ? target.checked : target.value;
    scope.ctx.act(formAction(request(scope, action, path, 'self'), name ? { [name]: value } : {}));
  };
}

/** `aria-label` for a field no Label points at. */
const ownLabel = (node: Node, scope: Scope) =>
  scope.labelled.has(str(node.name)) ? nothing : str(node.ariaLabel) || str(node.placeholder) || str(node.name);

/** Renders one control. */
export function renderControl(node: Node, path: string, scope: Scope): TemplateResult | typeof nothing {
  const name = str(node.name);
  const disabled = node.disabled === true;
  const size = token(node.size, SIZES, 'md');
  const variant = token(node.variant, ['solid', 'soft', 'outline', 'ghost'] as const, 'outline');
  const block = node.block === true ? 'w-block' : '';
  const pill = node.pill === true ? 'w-pill' : '';
  switch (node.type) {
    case 'Button': {
      const busy = scope.ctx.busy.has(`${scope.itemId}:${path}`);
      const action = actionOf(node.onClickAction);
      const tone = token(
        node.color,
        ['primary', 'secondary', 'info', 'discovery', 'success', 'caution', 'warning', 'danger'] as const,
        node.style === 'secondary' ? 'secondary' : 'primary',
      );
      const v = token(
        node.variant,
        ['solid', 'soft', 'outline', 'ghost'] as const,
        tone === 'secondary' ? 'soft' : 'solid',
      );
      const iconPx = { sm: 12, md: 16, lg: 18, xl: 20, '2xl': 24 }[
        token(node.iconSize, ['sm', 'md', 'lg', 'xl', '2xl'] as const, 'md')
      ];
      const click =
        node.submit === true || !action ? undefined : () => scope.ctx.act(request(scope, action, path, 'self'));
      const label = str(node.label);
      return html`<button type=${node.submit === true ? 'submit' : 'button'} class="w-button w-tone-${tone} w-${v} w-size-${size} ${block} ${pill} ${node.uniform === true ? 'w-uniform' : ''}"
        ?disabled=${disabled || busy} aria-busy=${busy ? 'true' : 'false'} aria-label=${label ? nothing : str(node.iconStart) || str(node.iconEnd) || 'button'} @click=${click}>
        ${busy ? html`<span class="w-spinner" aria-hidden="true"></span>` : node.iconStart ? icon(node.iconStart, iconPx) : nothing}${label}${node.iconEnd ? icon(node.iconEnd, iconPx) : nothing}
      </button>`;
    }
    case 'Label': {
      const styles = textStyles(node);
      const c = color(node.color);
      if (c) styles.color = c;
      return html`<label class="w-label" for=${fieldId(scope, str(node.fieldName))} ${inlineStyle(styles)}>${str(node.value)}</label>`;
    }
    case 'Input': {
      const type = token(node.inputType, ['number', 'email', 'text', 'password', 'tel', 'url'] as const, 'text');
      return html`<input class="w-field w-${variant} w-size-${size} ${pill}" id=${fieldId(scope, name)} name=${name} type=${type} value=${str(node.defaultValue)}
        placeholder=${str(node.placeholder) || nothing} pattern=${str(node.pattern) || nothing} ?required=${node.required === true} ?disabled=${disabled}
        ?autofocus=${node.autoFocus === true} aria-label=${ownLabel(node, scope)} />`;
    }
    case 'Textarea': {
      const rows = typeof node.rows === 'number' && node.rows > 0 && node.rows < 50 ? node.rows : 3;
      return html`<textarea class="w-field w-${variant} w-size-${size}" id=${fieldId(scope, name)} name=${name} rows=${rows} .defaultValue=${str(node.defaultValue)}
        placeholder=${str(node.placeholder) || nothing} ?required=${node.required === true} ?disabled=${disabled} aria-label=${ownLabel(node, scope)}></textarea>`;
    }
    case 'Select': {
      const options = Array.isArray(node.options)
        ? (node.options as Record<string, unknown>[]).filter((o) => o && typeof o === 'object')
        : [];
      const chosen = str(node.defaultValue);
      return html`<select class="w-field w-${variant} w-size-${size} ${block} ${pill}" id=${fieldId(scope, name)} name=${name} ?disabled=${disabled}
        aria-label=${ownLabel(node, scope)} @change=${onChange(node, path, scope)}>
        ${chosen ? nothing : html`<option value="" selected>${str(node.placeholder)}</option>`}
        ${options.map((o) => html`<option value=${str(o.value)} ?selected=${str(o.value) === chosen} ?disabled=${o.disabled === true}>${str(o.label)}</option>`)}
      </select>`;
    }
    case 'DatePicker': {
      const day = (value: unknown) => (typeof value === 'string' && DATE.test(value) ? value.slice(0, 10) : nothing);
      return html`<input class="w-field w-${variant} w-size-${size} ${block} ${pill}" type="date" id=${fieldId(scope, name)} name=${name} value=${day(node.defaultValue)}
        min=${day(node.min)} max=${day(node.max)} ?disabled=${disabled} aria-label=${ownLabel(node, scope)} @change=${onChange(node, path, scope)} />`;
    }
    case 'Checkbox': {
      const label = str(node.label);
      return html`<label class="w-check">
        <input type="checkbox" id=${fieldId(scope, name)} name=${name} ?checked=${node.defaultChecked === true} ?disabled=${disabled} ?required=${node.required === true}
          aria-label=${label ? nothing : ownLabel(node, scope)} @change=${onChange(node, path, scope)} />${label}
      </label>`;
    }
    case 'RadioGroup': {
      const options = Array.isArray(node.options)
        ? (node.options as Record<string, unknown>[]).filter((o) => o && typeof o === 'object')
        : [];
      const chosen = str(node.defaultValue);
      const change = onChange(node, path, scope);
      return html`<div role="radiogroup" class="w-radios ${node.direction === 'row' ? 'w-row' : 'w-col'}" id=${fieldId(scope, name)} aria-label=${str(node.ariaLabel) || name}>
        ${options.map(
          (
            o,
          ) => html`<label class="w-check"><input type="radio" name=${name} value=${str(o.value)} ?checked=${str(o.value) === chosen}
          ?disabled=${disabled || o.disabled === true} ?required=${node.required === true} @change=${change} />${str(o.label)}</label>`,
        )}
      </div>`;
    }
    default:
      return nothing;
  }
}
