/**
 * Typed builders for every widget component: `Card({ children: [Text({ value: 'Hi' })] })`.
 * Each returns the plain JSON node (`{type: 'Card', …}`) that `streamWidget()` sends; they only
 * add the `type`, so a node written by hand works just as well.
 *
 * @example
 * import { widgets } from 'stream-chat-element/server';
 * const card = widgets.Card({ children: [widgets.Title({ value: 'Order' }), widgets.Button({ label: 'Pay', onClickAction: { type: 'pay' } })] });
 */
import type * as S from './schema.js';

const make =
  <T extends string, P>(type: T) =>
  (props: P): S.WidgetNodeOf<T, P> => ({ type, ...props });

type BoxLike = S.BoxProps;

export const Card = make<'Card', S.CardProps>('Card');
export const ListView = make<'ListView', S.ListViewProps>('ListView');
export const ListViewItem = make<'ListViewItem', S.ListViewItemProps>('ListViewItem');
export const Basic = make<'Basic', S.BasicProps>('Basic');
export const Box = make<'Box', BoxLike & { direction?: 'row' | 'col' }>('Box');
export const Row = make<'Row', BoxLike>('Row');
export const Col = make<'Col', BoxLike>('Col');
export const Form = make<'Form', BoxLike & { onSubmitAction?: S.ActionConfig; direction?: 'row' | 'col' }>('Form');
export const Text = make<'Text', S.TextProps>('Text');
export const Title = make<'Title', S.TitleProps>('Title');
export const Caption = make<'Caption', S.CaptionProps>('Caption');
export const Markdown = make<'Markdown', S.MarkdownProps>('Markdown');
export const Badge = make<'Badge', S.BadgeProps>('Badge');
export const Divider = make<'Divider', S.DividerProps>('Divider');
export const Spacer = make<'Spacer', S.SpacerProps>('Spacer');
export const Icon = make<'Icon', S.IconProps>('Icon');
export const Image = make<'Image', S.ImageProps>('Image');
export const Button = make<'Button', S.ButtonProps>('Button');
export const Label = make<'Label', S.LabelProps>('Label');
export const Input = make<'Input', S.InputProps>('Input');
export const Textarea = make<'Textarea', S.TextareaProps>('Textarea');
export const Select = make<'Select', S.SelectProps>('Select');
export const DatePicker = make<'DatePicker', S.DatePickerProps>('DatePicker');
export const Checkbox = make<'Checkbox', S.CheckboxProps>('Checkbox');
export const RadioGroup = make<'RadioGroup', S.RadioGroupProps>('RadioGroup');
export const Transition = make<'Transition', S.TransitionProps>('Transition');
export const Chart = make<'Chart', S.ChartProps>('Chart');
