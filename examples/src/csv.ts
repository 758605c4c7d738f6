/** A small CSV library: the code the example tests keep within memory budgets. */

/** One parsed row, keyed by the header's column names. */
export type Row = Record<string, string>;

/** Makes CSV text of `n` rows, for tests. */
export function makeCsv(n: number): string {
  const lines = ["id,name,email,score"];
  for (let i = 0; i < n; i++) lines.push(`${i},user${i},user${i}@example.com,${(i * 7919) % 1000}`);
  return lines.join("\n");
}

/** Parses CSV text (no quoting) into rows. */
export function parseCsv(text: string): Row[] {
  const [header, ...lines] = text.split("\n");
  const columns = header.split(",");
  return lines.map((line) => {
    const cells = line.split(",");
    const row: Row = {};
    columns.forEach((c, i) => (row[c] = cells[i]));
    return row;
  });
}

/** Indexes rows by a column. */
export function indexBy(rows: Row[], column: string): Map<string, Row> {
  return new Map(rows.map((r) => [r[column], r]));
}
