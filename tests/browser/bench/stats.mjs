// Summaries of repeated measurements: the median with the spread (min and max).
export function summary(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return { n: 0, min: NaN, median: NaN, max: NaN };
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { n: sorted.length, min: sorted[0], median, max: sorted[sorted.length - 1] };
}

export function fmt(s, digits = 1, unit = '') {
  if (!s.n) return '–';
  const f = (v) => v.toFixed(digits) + unit;
  return `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
}
