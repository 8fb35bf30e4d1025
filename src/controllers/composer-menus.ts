/**
 * ComposerMenusController: the tool and model chosen in the composer's menus. The choice goes
 * out as `inference_options` (`tool_choice.id`, `model`) with the next message; a model marked
 * `default` is preselected, and a chosen tool stays chosen until the user changes it.
 */
import type { ReactiveControllerHost } from 'lit';
import type { InferenceOptions } from '../protocol/types.js';
import type { ComposerModel, ComposerTool } from '../features.js';

export class ComposerMenusController {
  private toolId = '';
  private modelId: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly lists: () => { tools: readonly ComposerTool[]; models: readonly ComposerModel[] },
  ) {}

  /** The chosen tool, if it is still offered. */
  get tool(): ComposerTool | undefined {
    return this.lists().tools.find((tool) => tool.id === this.toolId);
  }

  /** The chosen model: the user's, else the one marked default, else none. */
  get model(): ComposerModel | undefined {
    const { models } = this.lists();
    return models.find((model) => model.id === this.modelId) ?? models.find((model) => model.default);
  }

  /** What the next message carries. */
  options(): InferenceOptions {
    const options: InferenceOptions = {};
    const tool = this.tool;
    const model = this.model;
    if (tool) options.tool_choice = { id: tool.id };
    if (model) options.model = model.id;
    return options;
  }

  readonly chooseTool = (id: string): void => {
    this.toolId = id;
    this.host.requestUpdate();
  };

  readonly chooseModel = (id: string): void => {
    this.modelId = id;
    this.host.requestUpdate();
  };
}
