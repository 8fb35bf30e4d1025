/**
 * The rich-item renderers, loaded on first use with `import()` so the main script stays small:
 * widgets, workflows and tasks, structured input and generated images.
 */
import { nothing, type TemplateResult } from 'lit';
import type { ThreadItem } from '../protocol/types.js';
import type { RichContext } from './context.js';
import { renderGeneratedImage, renderStructuredInput, renderTaskItem, renderWorkflow } from './activity.js';
import { renderWidget } from './widget.js';

import { widgetStyles } from './styles.js';
import { activityStyles } from './activity.styles.js';

/** The renderers' stylesheets, adopted into the element's shadow root when they load. */
export const richStyles = [widgetStyles, activityStyles];

/** Renders a widget, workflow, task, structured input or generated image item. */
export function renderRichItem(item: ThreadItem, ctx: RichContext): TemplateResult | typeof nothing {
  switch (item.type) {
    case 'widget':
      return renderWidget(item.id, item.widget, ctx);
    case 'workflow':
      return renderWorkflow(item, ctx);
    case 'task':
      return renderTaskItem(item.id, item.task, ctx);
    case 'structured_input':
      return renderStructuredInput(item, ctx);
    case 'generated_image':
      return renderGeneratedImage(item, ctx);
    default:
      return nothing;
  }
}
