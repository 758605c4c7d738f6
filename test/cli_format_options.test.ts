/**
 * `formatOptions`, the option list of `--help`: short alias, name and value on the left,
 * an optional value in brackets, help lines in one column two spaces right of the widest
 * left side.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { formatOptions, type OptionSpec } from "../runner/cli/args.ts";
import { RUN_OPTIONS, TEST_OPTIONS } from "../runner/cli/options.ts";

test("names, values and help line up in two columns", () => {
  const specs: OptionSpec[] = [
    { name: "--filter", short: "-t", value: "REGEX", help: ["run only matching cases"] },
    { name: "--json", value: "FILE", optional: () => false, help: ["write JSON", "to FILE"] },
    { name: "--tree", help: ["print every process"] },
  ];
  assert.is(formatOptions(specs), [
    "  -t, --filter REGEX  run only matching cases",
    "  --json [FILE]       write JSON",
    "                      to FILE",
    "  --tree              print every process",
  ].join("\n"));
});

test("the widest left side sets the column, two spaces after it", () => {
  const specs: OptionSpec[] = [
    { name: "--a", help: ["short"] },
    { name: "--a-very-long-option-name", value: "SIZE", help: ["long", "more"] },
  ];
  const width = "  --a-very-long-option-name SIZE".length + 2;
  assert.is(formatOptions(specs), [
    `${"  --a".padEnd(width)}short`,
    `  --a-very-long-option-name SIZE${" ".repeat(2)}long`,
    `${" ".repeat(width)}more`,
  ].join("\n"));
});

test("the real tables: every option and every help line is listed, help in one column", () => {
  for (const specs of [RUN_OPTIONS, TEST_OPTIONS]) {
    const text = formatOptions(specs);
    const lines = text.split("\n");
    assert.is(lines.length, specs.reduce((n, s) => n + s.help.length, 0), "one line per help line");
    const column = lines[0].indexOf(specs[0].help[0]);
    for (const s of specs) {
      assert.ok(text.includes(s.short ? `${s.short}, ${s.name}` : s.name), s.name);
      for (const h of s.help) assert.ok(lines.some((l) => l.indexOf(h) === column), `"${h}" in the column at ${column}`);
    }
  }
});

test.run();
