/** English strings of the rich items; the element may pass localized ones. */
import type { RichStrings } from './context.js';

export const EN: RichStrings = {
  submit: 'Submit',
  skip: 'Skip',
  skipped: 'Skipped',
  working: 'Working…',
  done: 'Done',
  generatingImage: 'Generating image…',
  generatedImage: 'Generated image',
  imageBlocked: 'Image not shown (its domain is not allowed)',
  showMore: 'Show more',
  yourAnswer: 'Your answer',
};
