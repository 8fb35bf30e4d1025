/**
 * Styles of workflows and tasks, structured input and generated images (`activity.ts`), adopted
 * with the widget styles when the rich-item renderers load. Comments stay out of the template,
 * which ships as written.
 */
import { css } from 'lit';

export const activityStyles = css`
  .w-workflow {
    padding: 6px 10px;
  }
  .w-workflow-toggle {
    display: flex;
    align-items: center;
    gap: 6px;
    font: inherit;
    color: inherit;
    background: none;
    border: 0;
    padding: 4px 0;
    cursor: pointer;
  }
  .w-tasks {
    list-style: none;
    margin: 6px 0 0;
    padding: 0 0 0 6px;
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .w-tasks[hidden] {
    display: none;
  }
  .w-task-head {
    display: flex;
    align-items: center;
    gap: 6px;
    font-size: 0.9em;
  }
  .w-task-content {
    font-size: 0.9em;
    opacity: 0.85;
    padding-inline-start: 20px;
  }
  .w-queries,
  .w-sources {
    margin: 4px 0 0;
    padding-inline-start: 20px;
    font-size: 0.85em;
  }
  .w-structured {
    display: flex;
    flex-direction: column;
    gap: 12px;
  }
  .w-question {
    border: 0;
    padding: 0;
    margin: 0;
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  .w-question legend,
  .w-question > label {
    font-weight: 600;
    margin-bottom: 4px;
    padding: 0;
  }
  .w-answered dt {
    font-weight: 600;
  }
  .w-answered dd {
    margin: 0 0 8px;
  }
  .w-generated {
    padding: 4px;
    width: fit-content;
    max-width: 100%;
  }
  .w-generated img {
    max-width: 100%;
    max-height: 24rem;
    display: block;
    border-radius: 8px;
  }
  .w-partial {
    filter: blur(6px);
  }
  .w-placeholder {
    width: 16rem;
    max-width: 100%;
    aspect-ratio: 1;
    display: grid;
    place-items: center;
    border-radius: 8px;
    background: color-mix(in srgb, currentColor 7%, transparent);
  }
`;
