/**
 * The object-type table: types that grew by at least 64 KiB or 1 000 objects, largest first,
 * at most 10, the engines' compiled code left out; aligned columns with signs; and what it says when nothing grew or nothing could
 * be counted.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { typesTable } from "../runner/budget/object_types_text.ts";
import { grownTypes, type TypeCount } from "../runner/case/object_types.ts";

const counts = (entries: [string, number, number][]) => new Map<string, TypeCount>(entries.map(([t, count, size]) => [t, { count, size }]));

test("grownTypes keeps what grew past the runtime's own noise, largest first, compiled code left out", () => {
  const before = counts([["Structure", 300, 30_000], ["Session", 0, 0], ["Map", 2, 160]]);
  const after = counts([
    ["Structure", 330, 33_000], ["Session", 1_000, 32_000], ["Map", 3, 200_160], ["Gone", 1, 10],
    ["FunctionCodeBlock", 2_000, 500_000], ["(code)", 2_000, 500_000],
  ]);
  assert.equal(grownTypes(before, after), [
    { type: "Map", count: 1, size: 200_000 },
    { type: "Session", count: 1_000, size: 32_000 },
  ]);
});

test("grownTypes gives the top 10", () => {
  const after = counts(Array.from({ length: 15 }, (_, i) => [`T${i}`, 2_000, (i + 1) * 100_000] as [string, number, number]));
  const top = grownTypes(new Map(), after);
  assert.is(top.length, 10);
  assert.is(top[0].type, "T14");
  assert.is(top[9].type, "T5");
});

test("typesTable aligns its columns, and says when there is nothing to show", () => {
  assert.is(
    typesTable([{ type: "Session", count: 40_000, size: 1_280_000 }, { type: "Array", count: 40_000, size: 640_000 }]),
    [
      "object types that grew most in the JS heap (heap snapshots after a full GC, in a run made again):",
      "  Session  +40000 objects    +1.2 MiB",
      "  Array    +40000 objects  +625.0 KiB",
    ].join("\n"),
  );
  assert.match(typesTable([]), /^no object type grew in the JS heap/);
  assert.match(typesTable(null), /could not be counted/);
});

test.run();
