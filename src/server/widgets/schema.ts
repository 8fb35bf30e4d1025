/**
 * Types of chatkit-python 1.6.5's widget schema (`chatkit/widgets.py`, `chatkit/actions.py`):
 * every component with its props, as they travel on the wire (camelCase, nulls omitted).
 *
 * The shared value types (icons, actions, colours, tokens) are in `values.ts`.
 *
 * @see https://github.com/openai/chatkit-python/blob/v1.6.5/chatkit/widgets.py
 */
import type {
  WidgetIcon,
  ActionConfig,
  Color,
  Spacing,
  Border,
  Borders,
  WidgetStatus,
  RadiusValue,
  TextAlign,
  TextSize,
  Weight,
  Alignment,
  Justification,
  ControlVariant,
  ControlSize,
} from './values.js';

export type * from './values.js';

type Dimension = number | string;

/** Fields every component may carry. */
export interface Base {
  id?: string;
  key?: string;
}

/** Sizing props shared by boxes, images and charts. */
export interface Sizing {
  flex?: number | string;
  height?: Dimension;
  width?: Dimension;
  size?: Dimension;
  minHeight?: Dimension;
  minWidth?: Dimension;
  minSize?: Dimension;
  maxHeight?: Dimension;
  maxWidth?: Dimension;
  maxSize?: Dimension;
  aspectRatio?: number | string;
}

/** Layout props of Box, Row, Col and Form. */
export interface BoxProps extends Base, Sizing {
  children?: WidgetComponent[];
  align?: Alignment;
  justify?: Justification;
  wrap?: 'nowrap' | 'wrap' | 'wrap-reverse';
  gap?: number | string;
  padding?: Dimension | Spacing;
  margin?: Dimension | Spacing;
  border?: number | Border | Borders;
  radius?: RadiusValue;
  background?: Color;
}

export interface TextProps extends Base {
  value: string;
  streaming?: boolean;
  italic?: boolean;
  lineThrough?: boolean;
  color?: Color;
  weight?: Weight;
  width?: Dimension;
  size?: TextSize;
  textAlign?: TextAlign;
  truncate?: boolean;
  minLines?: number;
  maxLines?: number;
  editable?:
    | false
    | {
        name: string;
        autoFocus?: boolean;
        autoSelect?: boolean;
        autoComplete?: string;
        allowAutofillExtensions?: boolean;
        pattern?: string;
        placeholder?: string;
        required?: boolean;
      };
}
export interface TitleProps extends Base {
  value: string;
  color?: Color;
  weight?: Weight;
  size?: 'sm' | 'md' | 'lg' | 'xl' | '2xl' | '3xl' | '4xl' | '5xl';
  textAlign?: TextAlign;
  truncate?: boolean;
  maxLines?: number;
}
export interface CaptionProps extends Base {
  value: string;
  color?: Color;
  weight?: Weight;
  size?: 'sm' | 'md' | 'lg';
  textAlign?: TextAlign;
  truncate?: boolean;
  maxLines?: number;
}
export interface MarkdownProps extends Base {
  value: string;
  streaming?: boolean;
}
export interface BadgeProps extends Base {
  label: string;
  color?: 'secondary' | 'success' | 'danger' | 'warning' | 'info' | 'discovery';
  variant?: 'solid' | 'soft' | 'outline';
  size?: 'sm' | 'md' | 'lg';
  pill?: boolean;
}
export interface DividerProps extends Base {
  color?: Color;
  size?: Dimension;
  spacing?: Dimension;
  flush?: boolean;
}
export interface IconProps extends Base {
  name: WidgetIcon;
  color?: Color;
  size?: 'xs' | 'sm' | 'md' | 'lg' | 'xl' | '2xl' | '3xl';
}
export interface ImageProps extends Base, Sizing {
  src: string;
  alt?: string;
  fit?: 'cover' | 'contain' | 'fill' | 'scale-down' | 'none';
  position?: 'top left' | 'top' | 'top right' | 'left' | 'center' | 'right' | 'bottom left' | 'bottom' | 'bottom right';
  radius?: RadiusValue;
  frame?: boolean;
  flush?: boolean;
  margin?: Dimension | Spacing;
  background?: Color;
}
export interface ButtonProps extends Base {
  submit?: boolean;
  label?: string;
  onClickAction?: ActionConfig;
  iconStart?: WidgetIcon;
  iconEnd?: WidgetIcon;
  style?: 'primary' | 'secondary';
  iconSize?: 'sm' | 'md' | 'lg' | 'xl' | '2xl';
  color?: 'primary' | 'secondary' | 'info' | 'discovery' | 'success' | 'caution' | 'warning' | 'danger';
  variant?: ControlVariant;
  size?: ControlSize;
  pill?: boolean;
  uniform?: boolean;
  block?: boolean;
  disabled?: boolean;
}
export interface SpacerProps extends Base {
  minSize?: Dimension;
}
export interface SelectProps extends Base {
  name: string;
  options: { value: string; label: string; disabled?: boolean; description?: string }[];
  onChangeAction?: ActionConfig;
  placeholder?: string;
  defaultValue?: string;
  variant?: ControlVariant;
  size?: ControlSize;
  pill?: boolean;
  block?: boolean;
  clearable?: boolean;
  disabled?: boolean;
  searchable?: boolean;
}
export interface DatePickerProps extends Base {
  name: string;
  onChangeAction?: ActionConfig;
  placeholder?: string;
  /** ISO date or date-time strings. */
  defaultValue?: string;
  min?: string;
  max?: string;
  variant?: ControlVariant;
  size?: ControlSize;
  side?: 'top' | 'bottom' | 'left' | 'right';
  align?: 'start' | 'center' | 'end';
  pill?: boolean;
  block?: boolean;
  clearable?: boolean;
  disabled?: boolean;
}
export interface CheckboxProps extends Base {
  name: string;
  label?: string;
  defaultChecked?: boolean;
  onChangeAction?: ActionConfig;
  disabled?: boolean;
  required?: boolean;
}
interface FieldProps extends Base {
  name: string;
  defaultValue?: string;
  required?: boolean;
  pattern?: string;
  placeholder?: string;
  allowAutofillExtensions?: boolean;
  autoSelect?: boolean;
  autoFocus?: boolean;
  disabled?: boolean;
  variant?: 'soft' | 'outline';
  size?: ControlSize;
  gutterSize?: '2xs' | 'xs' | 'sm' | 'md' | 'lg' | 'xl';
}
export interface InputProps extends FieldProps {
  inputType?: 'number' | 'email' | 'text' | 'password' | 'tel' | 'url';
  pill?: boolean;
}
export interface TextareaProps extends FieldProps {
  rows?: number;
  autoResize?: boolean;
  maxRows?: number;
}
export interface LabelProps extends Base {
  value: string;
  fieldName: string;
  size?: TextSize;
  weight?: Weight;
  textAlign?: TextAlign;
  color?: Color;
}
export interface RadioGroupProps extends Base {
  name: string;
  options?: { label: string; value: string; disabled?: boolean }[];
  ariaLabel?: string;
  onChangeAction?: ActionConfig;
  defaultValue?: string;
  direction?: 'row' | 'col';
  disabled?: boolean;
  required?: boolean;
}
export interface TransitionProps extends Base {
  children: WidgetComponent | null;
}
export interface ListViewItemProps extends Base {
  children: WidgetComponent[];
  onClickAction?: ActionConfig;
  gap?: number | string;
  align?: Alignment;
}
export type CurveType =
  | 'basis'
  | 'basisClosed'
  | 'basisOpen'
  | 'bumpX'
  | 'bumpY'
  | 'bump'
  | 'linear'
  | 'linearClosed'
  | 'natural'
  | 'monotoneX'
  | 'monotoneY'
  | 'monotone'
  | 'step'
  | 'stepBefore'
  | 'stepAfter';
/** One chart series; `color` is a chart token (`blue`, `purple`, `orange`, `green`, `red`, `yellow`, `pink`). */
export type Series =
  | { type: 'bar'; label?: string; dataKey: string; stack?: string; color?: Color }
  | { type: 'area'; label?: string; dataKey: string; stack?: string; color?: Color; curveType?: CurveType }
  | { type: 'line'; label?: string; dataKey: string; color?: Color; curveType?: CurveType };
export interface ChartProps extends Base, Sizing {
  data: Record<string, string | number>[];
  series: Series[];
  xAxis: string | { dataKey: string; hide?: boolean; labels?: Record<string, string> };
  showYAxis?: boolean;
  showLegend?: boolean;
  showTooltip?: boolean;
  barGap?: number;
  barCategoryGap?: number;
}
export interface CardProps extends Base {
  asForm?: boolean;
  children: WidgetComponent[];
  background?: Color;
  size?: 'sm' | 'md' | 'lg' | 'full';
  padding?: Dimension | Spacing;
  status?: WidgetStatus;
  collapsed?: boolean;
  confirm?: { label: string; action: ActionConfig };
  cancel?: { label: string; action: ActionConfig };
  theme?: 'light' | 'dark';
}
export interface ListViewProps extends Base {
  children: WidgetNodeOf<'ListViewItem', ListViewItemProps>[];
  limit?: number | 'auto';
  status?: WidgetStatus;
  theme?: 'light' | 'dark';
}
export interface BasicProps extends Base {
  children?: WidgetComponent | WidgetComponent[];
  [prop: string]: unknown;
}

/** A component of the given type with its props. */
export type WidgetNodeOf<T extends string, P> = { type: T; [prop: string]: unknown } & P;

/** Every component that may appear inside a root. */
export type WidgetComponent =
  | WidgetNodeOf<'Text', TextProps>
  | WidgetNodeOf<'Title', TitleProps>
  | WidgetNodeOf<'Caption', CaptionProps>
  | WidgetNodeOf<'Chart', ChartProps>
  | WidgetNodeOf<'Badge', BadgeProps>
  | WidgetNodeOf<'Markdown', MarkdownProps>
  | WidgetNodeOf<'Box', BoxProps & { direction?: 'row' | 'col' }>
  | WidgetNodeOf<'Row', BoxProps>
  | WidgetNodeOf<'Col', BoxProps>
  | WidgetNodeOf<'Divider', DividerProps>
  | WidgetNodeOf<'Icon', IconProps>
  | WidgetNodeOf<'Image', ImageProps>
  | WidgetNodeOf<'ListViewItem', ListViewItemProps>
  | WidgetNodeOf<'Button', ButtonProps>
  | WidgetNodeOf<'Checkbox', CheckboxProps>
  | WidgetNodeOf<'Spacer', SpacerProps>
  | WidgetNodeOf<'Select', SelectProps>
  | WidgetNodeOf<'DatePicker', DatePickerProps>
  | WidgetNodeOf<'Form', BoxProps & { onSubmitAction?: ActionConfig; direction?: 'row' | 'col' }>
  | WidgetNodeOf<'Input', InputProps>
  | WidgetNodeOf<'Label', LabelProps>
  | WidgetNodeOf<'RadioGroup', RadioGroupProps>
  | WidgetNodeOf<'Textarea', TextareaProps>
  | WidgetNodeOf<'Transition', TransitionProps>;

/** A widget's root: a Card, a ListView or a Basic root. */
export type WidgetRoot =
  WidgetNodeOf<'Card', CardProps> | WidgetNodeOf<'ListView', ListViewProps> | WidgetNodeOf<'Basic', BasicProps>;
