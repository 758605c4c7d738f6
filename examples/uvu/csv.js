// A small CSV library in plain JavaScript, as uvu users often write it.

/** `rows` lines of CSV with a header: id, name, email, score. */
export function makeCsv(rows) {
  const lines = ["id,name,email,score"];
  for (let i = 0; i < rows; i++) lines.push(`${i},user ${i},user${i}@example.com,${(i * 7) % 100}`);
  return lines.join("\n");
}

/** The rows of `text` as objects keyed by the header's names. */
export function parseCsv(text) {
  const [header, ...lines] = text.split("\n");
  const keys = header.split(",");
  return lines.map((line) => {
    const values = line.split(",");
    return Object.fromEntries(keys.map((k, i) => [k, values[i]]));
  });
}

/** A Map from each row's `key` to the row. */
export function indexBy(rows, key) {
  return new Map(rows.map((row) => [row[key], row]));
}
