// Small statistics and formatting helpers for benchmark output.

/** The median of the finite numbers in a list (NaN when there are none). */
export function median(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The largest finite number in a list (NaN when there are none). */
export function max(values) {
  const finite = values.filter(Number.isFinite);
  return finite.length ? Math.max(...finite) : NaN;
}

/** Formats a number with a unit, or "n/a". */
export function fmt(value, unit = 'ms', digits = 1) {
  if (!Number.isFinite(value)) return 'n/a';
  const abs = Math.abs(value);
  const shown = abs >= 1000 && digits > 0 ? value.toFixed(0) : value.toFixed(digits);
  return unit ? `${shown} ${unit}` : shown;
}

/** Formats a ratio a/b as "1.23x" (or "n/a"). */
export function ratio(a, b) {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(a / b < 0.1 ? 3 : 2)}x` : 'n/a';
}

/**
 * Prints rows as an aligned table: the first column left-aligned, the others right-aligned.
 *
 * @param {string[][]} rows - The header row first.
 * @param {string} indent - Prefix of every line.
 */
export function table(rows, indent = '  ') {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column] ?? '').length)));
  for (const [index, row] of rows.entries()) {
    const line = row
      .map((cell, column) =>
        column === 0 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]),
      )
      .join('   ');
    console.log(indent + line.trimEnd());
    if (index === 0) console.log(indent + widths.map((width) => '-'.repeat(width)).join('   '));
  }
}
