/**
 * A small SVG chart for the widget `Chart` component: bar, area and line series over a category
 * x axis, stacked when series share a `stack`. Values must be finite numbers; anything else
 * counts as zero. Colours are chart tokens only.
 */
import { html, svg, nothing, type TemplateResult } from 'lit';
import { inlineStyle } from './inline-style.js';
import { CHART_COLORS, color } from './tokens.js';

type Datum = Record<string, unknown>;
interface Series {
  type: 'bar' | 'area' | 'line';
  dataKey: string;
  label: string;
  stack: string | undefined;
  color: string;
}

const W = 600;
const H = 220;
const PAD = { top: 10, right: 10, bottom: 24, left: 40 };

function seriesOf(raw: unknown): Series[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry: unknown, index) => {
    if (!entry || typeof entry !== 'object') return [];
    const s = entry as Record<string, unknown>;
    if ((s.type !== 'bar' && s.type !== 'area' && s.type !== 'line') || typeof s.dataKey !== 'string') return [];
    const fallback = CHART_COLORS[index % CHART_COLORS.length];
    return [
      {
        type: s.type,
        dataKey: s.dataKey,
        label: typeof s.label === 'string' ? s.label : s.dataKey,
        stack: typeof s.stack === 'string' && s.type !== 'line' ? s.stack : undefined,
        color: color(s.color) ?? (color(fallback) as string),
      },
    ];
  });
}

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** Renders a Chart node as an accessible SVG figure (with a data table for screen readers). */
export function renderChart(node: Record<string, unknown>, styles: Record<string, string>): TemplateResult {
  const data = (Array.isArray(node.data) ? node.data : [])
    .filter((d): d is Datum => !!d && typeof d === 'object')
    .slice(0, 500);
  const series = seriesOf(node.series).slice(0, 12);
  const axis = node.xAxis;
  const xKey =
    typeof axis === 'string' ? axis : axis && typeof axis === 'object' ? String((axis as Datum).dataKey ?? '') : '';
  const xHidden = !!axis && typeof axis === 'object' && (axis as Datum).hide === true;
  const labels =
    axis && typeof axis === 'object' && (axis as Datum).labels && typeof (axis as Datum).labels === 'object'
      ? ((axis as Datum).labels as Datum)
      : {};
  const category = (d: Datum) => {
    const raw = String(d[xKey] ?? '');
    const label = labels[raw];
    return typeof label === 'string' ? label : raw;
  };

  // Stacked series add up per category; the rest start at zero.
  const base = new Map<string, number[]>();
  const bottoms: number[][] = series.map((s) => {
    const key = s.stack ?? '';
    if (!s.stack) return data.map(() => 0);
    const acc = base.get(key) ?? data.map(() => 0);
    base.set(
      key,
      acc.map((v, i) => v + num(data[i]?.[s.dataKey])),
    );
    return acc;
  });
  let max = 0;
  let min = 0;
  series.forEach((s, si) =>
    data.forEach((d, i) => {
      const top = (bottoms[si]?.[i] ?? 0) + num(d[s.dataKey]);
      max = Math.max(max, top);
      min = Math.min(min, top);
    }),
  );
  if (max === min) max = min + 1;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + plotH - ((v - min) / (max - min)) * plotH;
  const band = data.length ? plotW / data.length : plotW;
  const cx = (i: number) => PAD.left + band * (i + 0.5);

  const bars = series.filter((s) => s.type === 'bar');
  const groups = [...new Set(bars.map((s) => s.stack ?? s.dataKey))];
  const barW = (band * 0.7) / Math.max(groups.length, 1);
  const shapes = series.map((s, si) => {
    const bottom = bottoms[si] ?? [];
    if (s.type === 'bar') {
      const g = groups.indexOf(s.stack ?? s.dataKey);
      return data.map((d, i) => {
        const b = bottom[i] ?? 0;
        const top = b + num(d[s.dataKey]);
        const x = PAD.left + band * i + band * 0.15 + g * barW;
        return svg`<rect x=${x} y=${Math.min(y(top), y(b))} width=${Math.max(barW - 2, 1)} height=${Math.abs(y(b) - y(top))} fill=${s.color}></rect>`;
      });
    }
    const points = data.map((d, i) => `${cx(i)},${y((bottom[i] ?? 0) + num(d[s.dataKey]))}`);
    if (s.type === 'area') {
      const floor = data.map((_d, i) => `${cx(i)},${y(bottom[i] ?? 0)}`).reverse();
      return svg`<polygon points=${[...points, ...floor].join(' ')} fill=${s.color} fill-opacity="0.3" stroke=${s.color} stroke-width="2"></polygon>`;
    }
    return svg`<polyline points=${points.join(' ')} fill="none" stroke=${s.color} stroke-width="2"></polyline>`;
  });
  const showY = node.showYAxis !== false;
  const showLegend = node.showLegend !== false && series.length > 1;

  return html`<figure class="w-chart" ${inlineStyle(styles)}>
    <svg viewBox="0 0 ${W} ${H}" preserveAspectRatio="none" role="img" aria-label=${series.map((s) => s.label).join(', ')} class="w-chart-svg">
      <line x1=${PAD.left} x2=${W - PAD.right} y1=${y(0)} y2=${y(0)} class="w-axis"></line>
      ${showY ? svg`<text x=${PAD.left - 6} y=${y(max) + 4} text-anchor="end" class="w-tick">${max}</text><text x=${PAD.left - 6} y=${y(min) + 4} text-anchor="end" class="w-tick">${min}</text>` : nothing}
      ${shapes}
      ${xHidden ? nothing : data.map((d, i) => svg`<text x=${cx(i)} y=${H - 6} text-anchor="middle" class="w-tick">${category(d)}</text>`)}
    </svg>
    ${
      showLegend
        ? html`<figcaption class="w-legend">${series.map((s) => html`<span><i class="w-swatch" ${inlineStyle({ background: s.color })}></i>${s.label}</span>`)}</figcaption>`
        : nothing
    }
    <table class="w-sr-only">
      <tr><th scope="col">${xKey}</th>${series.map((s) => html`<th scope="col">${s.label}</th>`)}</tr>
      ${data.map((d) => html`<tr><th scope="row">${category(d)}</th>${series.map((s) => html`<td>${num(d[s.dataKey])}</td>`)}</tr>`)}
    </table>
  </figure>`;
}
