/**
 * Renders a widget tree (chatkit-python 1.6.5's schema) with Lit templates only. Unknown
 * components and props are skipped; colours and lengths pass through `tokens.ts`; images load
 * only from `allowed_image_domains`.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { inlineStyle } from './inline-style.js';
import type { WidgetNode } from '../protocol/types.js';
import { isAllowedImage } from '../markdown/url.js';
import type { ActionRequest, RichContext, WidgetAction } from './context.js';
import { icon } from './icons.js';
import { renderChart } from './chart.js';
import { renderControl, CONTROL_TYPES, collectForm, formAction } from './controls.js';
import { alignItems, boxStyles, color, length, margin, radius, sizing, textStyles, token } from './tokens.js';

type Node = WidgetNode & Record<string, unknown>;
type Out = TemplateResult | typeof nothing;

/** Per-widget rendering state passed down the tree. */
export interface Scope {
  itemId: string;
  root: WidgetNode;
  ctx: RichContext;
  /** Field names some Label points at. */
  labelled: ReadonlySet<string>;
}

const str = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

function childrenOf(node: Node): Node[] {
  const { children } = node;
  const list = Array.isArray(children) ? children : children && typeof children === 'object' ? [children] : [];
  return list.filter(
    (child): child is Node => !!child && typeof child === 'object' && typeof (child as Node).type === 'string',
  );
}

/** Reads an ActionConfig prop, or undefined when it is not one. */
export function actionOf(value: unknown): WidgetAction | undefined {
  if (!value || typeof value !== 'object' || typeof (value as WidgetAction).type !== 'string') return undefined;
  return value as WidgetAction;
}

/** Builds the request for an action fired by the component at `path`. */
export function request(scope: Scope, action: WidgetAction, path: string, auto: 'self' | 'container'): ActionRequest {
  const behavior = action.loadingBehavior ?? 'auto';
  const where = behavior === 'auto' ? auto : behavior;
  const busyKey = where === 'none' ? null : where === 'container' ? scope.itemId : `${scope.itemId}:${path}`;
  return { action, itemId: scope.itemId, widget: scope.root, busyKey };
}

function labelledFields(root: Node): Set<string> {
  const names = new Set<string>();
  const visit = (node: Node) => {
    if (node.type === 'Label' && typeof node.fieldName === 'string') names.add(node.fieldName);
    childrenOf(node).forEach(visit);
  };
  visit(root);
  return names;
}

/** Renders a widget item's tree; part `widget`. */
export function renderWidget(itemId: string, root: WidgetNode, ctx: RichContext): TemplateResult {
  const scope: Scope = { itemId, root, ctx, labelled: labelledFields(root as Node) };
  const busy = ctx.busy.has(itemId);
  return html`<div part="widget" class="w-root ${busy ? 'w-busy' : ''}" data-id=${itemId} aria-busy=${busy ? 'true' : 'false'} ?inert=${busy}>
    ${renderRoot(root as Node, scope)}
  </div>`;
}

function renderRoot(node: Node, scope: Scope): Out {
  switch (node.type) {
    case 'Card':
      return renderCard(node, scope);
    case 'ListView':
      return renderListView(node, scope);
    case 'Basic':
      return html`<div class="w-basic w-col" ${inlineStyle(boxStyles(node))}>${renderChildren(node, '0', scope)}</div>`;
    default:
      return renderNode(node, '0', scope);
  }
}

function renderChildren(node: Node, path: string, scope: Scope): Out[] {
  return childrenOf(node).map((child, index) => renderNode(child, `${path}.${index}`, scope));
}

function status(node: Node, scope: Scope): Out {
  const s = node.status;
  if (!s || typeof s !== 'object') return nothing;
  const { text, icon: name, favicon } = s as Record<string, unknown>;
  const image = typeof favicon === 'string' && isAllowedImage(favicon, scope.ctx.allowedImageDomains);
  return html`<div class="w-status">
    ${image ? html`<img class="w-favicon" src=${favicon as string} alt="" referrerpolicy="no-referrer" />` : name ? icon(name, 14) : nothing}
    <span>${str(text)}</span>
  </div>`;
}

function renderCard(node: Node, scope: Scope): TemplateResult {
  const size = token(node.size, ['sm', 'md', 'lg', 'full'] as const, 'md');
  const theme = token(node.theme, ['light', 'dark', 'inherit'] as const, 'inherit');
  const styles = boxStyles({ padding: node.padding, background: node.background });
  const confirm =
    node.confirm && typeof node.confirm === 'object' ? (node.confirm as Record<string, unknown>) : undefined;
  const cancel = node.cancel && typeof node.cancel === 'object' ? (node.cancel as Record<string, unknown>) : undefined;
  const confirmAction = actionOf(confirm?.action);
  const cancelAction = actionOf(cancel?.action);
  const button = (side: 'cancel' | 'confirm', label: unknown, action: WidgetAction | undefined, submit: boolean) => {
    if (!action) return nothing;
    const busy = scope.ctx.busy.has(`${scope.itemId}:${side}`);
    return html`<button
      type=${submit ? 'submit' : 'button'}
      class="w-button ${side === 'cancel' ? 'w-secondary w-soft' : 'w-primary w-solid'}"
      ?disabled=${busy}
      aria-busy=${busy ? 'true' : 'false'}
      @click=${submit ? undefined : () => scope.ctx.act(request(scope, action, side, 'self'))}
    >
      ${str(label)}
    </button>`;
  };
  const footer =
    confirm || cancel
      ? html`<div class="w-card-actions">
          ${button('cancel', cancel?.label, cancelAction, false)}
          ${button('confirm', confirm?.label, confirmAction, node.asForm === true)}
        </div>`
      : nothing;
  const body = html`${status(node, scope)}<div class="w-col w-card-body">${renderChildren(node, '0', scope)}</div>${footer}`;
  const classes = `w-card w-size-${size} w-theme-${theme}`;
  if (node.asForm === true) {
    const submit = (event: SubmitEvent) => {
      event.preventDefault();
      if (confirmAction)
        scope.ctx.act(
          formAction(
            request(scope, confirmAction, 'confirm', 'self'),
            collectForm(event.currentTarget as HTMLFormElement),
          ),
        );
    };
    // The browser checks required and pattern fields before `submit` fires: an invalid form posts
    // nothing, and the first invalid field gets focus and the browser's own, localized message.
    return html`<form class=${classes} ${inlineStyle(styles)} @submit=${submit}>${body}</form>`;
  }
  return html`<div class=${classes} ${inlineStyle(styles)}>${body}</div>`;
}

function renderListView(node: Node, scope: Scope): TemplateResult {
  const items = childrenOf(node).filter((child) => child.type === 'ListViewItem');
  const limit = typeof node.limit === 'number' && node.limit > 0 ? node.limit : items.length;
  const theme = token(node.theme, ['light', 'dark', 'inherit'] as const, 'inherit');
  const li = (item: Node, index: number) => html`<li>${renderListItem(item, `0.${index}`, scope)}</li>`;
  const rest = items.slice(limit);
  return html`<div class="w-listview w-theme-${theme}">
    ${status(node, scope)}
    <ul class="w-list">${items.slice(0, limit).map(li)}</ul>
    ${
      rest.length
        ? html`<details class="w-more"><summary>${scope.ctx.strings.showMore}</summary><ul class="w-list">${rest.map((item, i) => li(item, limit + i))}</ul></details>`
        : nothing
    }
  </div>`;
}

function renderListItem(node: Node, path: string, scope: Scope): TemplateResult {
  const styles: Record<string, string> = {};
  const gap = length(node.gap, true);
  if (gap) styles.gap = gap;
  const align = alignItems(node.align);
  if (align) styles['align-items'] = align;
  const action = actionOf(node.onClickAction);
  const content = renderChildren(node, path, scope);
  if (!action) return html`<div class="w-list-item w-row" ${inlineStyle(styles)}>${content}</div>`;
  const busy = scope.ctx.busy.has(`${scope.itemId}:${path}`);
  return html`<button type="button" class="w-list-item w-row w-clickable" ${inlineStyle(styles)} aria-busy=${busy ? 'true' : 'false'} ?disabled=${busy}
    @click=${() => scope.ctx.act(request(scope, action, path, 'container'))}>${content}</button>`;
}

/** Renders any component; unknown types render nothing. */
function renderNode(node: Node, path: string, scope: Scope): Out {
  switch (node.type) {
    case 'Box':
    case 'Row':
    case 'Col': {
      const direction = node.type === 'Row' || (node.type === 'Box' && node.direction === 'row') ? 'w-row' : 'w-col';
      return html`<div class="w-box ${direction}" ${inlineStyle(boxStyles(node))}>${renderChildren(node, path, scope)}</div>`;
    }
    case 'Form': {
      const action = actionOf(node.onSubmitAction);
      const submit = (event: SubmitEvent) => {
        event.preventDefault();
        if (action)
          scope.ctx.act(
            formAction(request(scope, action, path, 'container'), collectForm(event.currentTarget as HTMLFormElement)),
          );
      };
      const direction = node.direction === 'row' ? 'w-row' : 'w-col';
      return html`<form class="w-box w-form ${direction}" ${inlineStyle(boxStyles(node))} @submit=${submit}>${renderChildren(node, path, scope)}</form>`;
    }
    case 'Transition':
      return html`${renderChildren(node, path, scope)}`;
    case 'ListViewItem':
      return renderListItem(node, path, scope);
    case 'Text': {
      const size = token(node.size, ['xs', 'sm', 'md', 'lg', 'xl'] as const, 'md');
      return html`<p class="w-text w-text-${size} ${node.truncate === true ? 'w-truncate' : ''}" dir="auto" ${inlineStyle(textStyles(node))}>${str(node.value)}</p>`;
    }
    case 'Title': {
      const size = token(node.size, ['sm', 'md', 'lg', 'xl', '2xl', '3xl', '4xl', '5xl'] as const, 'md');
      return html`<p class="w-title w-title-${size} ${node.truncate === true ? 'w-truncate' : ''}" role="heading" aria-level="3" dir="auto" ${inlineStyle(textStyles(node))}>${str(node.value)}</p>`;
    }
    case 'Caption': {
      const size = token(node.size, ['sm', 'md', 'lg'] as const, 'md');
      return html`<p class="w-caption w-caption-${size} ${node.truncate === true ? 'w-truncate' : ''}" dir="auto" ${inlineStyle(textStyles(node))}>${str(node.value)}</p>`;
    }
    case 'Markdown':
      return html`<div class="w-markdown" dir="auto">${scope.ctx.markdown(str(node.value), node.streaming === true && scope.ctx.streaming)}</div>`;
    case 'Badge': {
      const tone = token(
        node.color,
        ['secondary', 'success', 'danger', 'warning', 'info', 'discovery'] as const,
        'secondary',
      );
      const variant = token(node.variant, ['solid', 'soft', 'outline'] as const, 'soft');
      const size = token(node.size, ['sm', 'md', 'lg'] as const, 'sm');
      return html`<span class="w-badge w-tone-${tone} w-${variant} w-badge-${size} ${node.pill === true ? 'w-pill' : ''}">${str(node.label)}</span>`;
    }
    case 'Divider': {
      const styles: Record<string, string> = {};
      const c = color(node.color, 'border');
      if (c) styles['border-top-color'] = c;
      const size = length(node.size);
      if (size) styles['border-top-width'] = size;
      const spacing = length(node.spacing, true);
      if (spacing) styles['margin-block'] = spacing;
      return html`<hr class="w-divider ${node.flush === true ? 'w-flush' : ''}" ${inlineStyle(styles)} />`;
    }
    case 'Spacer': {
      const min = length(node.minSize);
      return html`<div class="w-spacer" ${inlineStyle(min ? { 'min-width': min, 'min-height': min } : {})}></div>`;
    }
    case 'Icon': {
      const size = token(node.size, ['xs', 'sm', 'md', 'lg', 'xl', '2xl', '3xl'] as const, 'md');
      const px = { xs: 10, sm: 12, md: 16, lg: 20, xl: 24, '2xl': 32, '3xl': 40 }[size];
      const c = color(node.color);
      return html`<span class="w-icon-wrap" ${inlineStyle(c ? { color: c } : {})}>${icon(node.name, px)}</span>`;
    }
    case 'Image':
      return renderImage(node, scope);
    case 'Chart':
      return renderChart(node, sizing(node));
    default:
      return CONTROL_TYPES.has(node.type) ? renderControl(node, path, scope) : nothing;
  }
}

function renderImage(node: Node, scope: Scope): Out {
  const src = node.src;
  if (typeof src !== 'string' || !isAllowedImage(src, scope.ctx.allowedImageDomains)) return nothing;
  const styles = margin(node, sizing(node));
  const fit = token(node.fit, ['cover', 'contain', 'fill', 'scale-down', 'none'] as const, 'cover');
  styles['object-fit'] = fit;
  const position = token(
    node.position,
    ['top left', 'top', 'top right', 'left', 'center', 'right', 'bottom left', 'bottom', 'bottom right'] as const,
    'center',
  );
  styles['object-position'] = position;
  const r = radius(node.radius);
  if (r) styles['border-radius'] = r;
  const bg = color(node.background, 'surface');
  if (bg) styles.background = bg;
  return html`<img class="w-image ${node.frame === true ? 'w-frame' : ''}" src=${src} alt=${str(node.alt)} referrerpolicy="no-referrer" loading="lazy" ${inlineStyle(styles)} />`;
}
