/** `--reporter`/`--format` and `--outfile`: which document a command writes, and where. */
import type { DocumentKind, ReporterKind } from "../report/reporter.ts";
import { checkWritable, OutputPathError } from "../report/files.ts";
import { UsageError } from "./io.ts";

/** What `--reporter` can name: the reporters, and the HTML report. */
export type OutputKind = ReporterKind | "html";

/** Every kind, in the order messages list them. */
export const OUTPUT_KINDS: OutputKind[] = ["default", "json", "junit", "html", "bmf", "github-benchmark"];

/** The report a command writes: its kind, and the file it goes to (null: stdout). */
export interface Output {
  reporter: OutputKind;
  file: string | null;
}

/**
 * The output asked for by `--reporter` (or its other name `--format`) and `--outfile`, whose
 * file is checked for writing before anything runs. `kinds` are those the command offers.
 *
 * @throws {UsageError} for an unknown reporter, two different ones, or a file that cannot be written.
 */
export function outputOf(values: Map<string, string | true>, kinds: OutputKind[] = OUTPUT_KINDS): Output {
  const named = values.get("--reporter") as string | undefined;
  const format = values.get("--format") as string | undefined;
  if (named !== undefined && format !== undefined && named !== format) {
    throw new UsageError(`--reporter "${named}" and --format "${format}" disagree (they are one option: give one)`);
  }
  const file = (values.get("--outfile") as string | undefined) ?? null;
  const reporter = (named ?? format ?? (file === null ? "default" : formatOf(file, kinds))) as OutputKind;
  if (!kinds.includes(reporter)) throw new UsageError(`--reporter "${reporter}": unknown reporter (use ${kinds.join(", ")})`);
  if (file !== null) {
    if (reporter === "default") {
      throw new UsageError(`--outfile "${file}": the default report goes to stdout; give --reporter ${kinds.filter((k) => k !== "default").join(", ")} for the file`);
    }
    checkOutput("--outfile", file);
  }
  return { reporter, file };
}

/** Throws a {@link UsageError} unless `path`, given with `option`, can be written. */
export function checkOutput(option: string, path: string): void {
  try {
    checkWritable(option, path);
  } catch (error) {
    if (error instanceof OutputPathError) throw new UsageError(error.message);
    throw error;
  }
}

/** The document to write, or null for the default report only. */
export function documentKind(o: Output): DocumentKind | "html" | null {
  return o.reporter === "default" ? null : o.reporter;
}

/** The reporter an --outfile's name asks for: json for .json, junit for .xml, html for .html. */
function formatOf(outfile: string, kinds: OutputKind[]): string {
  if (/\.json$/i.test(outfile)) return "json";
  if (/\.xml$/i.test(outfile)) return "junit";
  if (/\.html?$/i.test(outfile) && kinds.includes("html")) return "html";
  const named = kinds.includes("html") ? "json, junit or html" : "json or junit";
  throw new UsageError(`--outfile "${outfile}": cannot tell the format from its name (add --reporter ${named})`);
}
