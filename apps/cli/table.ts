/** A plain-text table for terminals: columns padded to their widest cell. */
export const formatTable = (headers: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: ReadonlyArray<string>) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
};

export const truncate = (text: string | null | undefined, max: number): string => {
  const value = text ?? '';
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
};
