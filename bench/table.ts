/** One row of the benchmark's table: what was measured, the goal, and whether it is met. */
export interface Row {
  metric: string;
  measured: string;
  goal: string;
  /** Undefined: a measurement without a goal (it informs a decision). */
  ok?: boolean;
}

/** The rows as one plain-text table, each with its goal and verdict. */
export function formatTable(rows: readonly Row[]): string {
  const cells = rows.map((r) => [
    r.metric,
    r.measured,
    r.goal,
    r.ok === undefined ? '—' : r.ok ? 'met' : 'MISSED',
  ]);
  const header = ['metric', 'measured', 'goal', 'verdict'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

/** The middle value (the upper of the two middle ones for an even count), NaN for none. */
export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
