/**
 * Cases finish in any order when several run at once; the default reporter lists them by file,
 * files sorted and each file's cases as declared. This holds what finished and hands out whole
 * files, in that order, as soon as a file and every file before it are complete.
 *
 * @module
 */

import type { CaseResult, FileError } from "../testing/types.ts";
import type { Plan } from "./types.ts";

/** A file's part of the report: why it could not be loaded, or its cases' results in order. */
export interface FileBlock {
  file: string;
  error: FileError | null;
  results: CaseResult[];
}

/** Where in the plan: the file's position, then the case's. */
type Place = [number, number];

/**
 * Collects results and file errors; {@link ready} gives the files now complete, in order.
 * Without a plan, nothing is complete before {@link rest}, which gives everything in order.
 *
 * @example
 * ```ts
 * const byFile = new ByFile(plan);
 * byFile.add(result);
 * for (const block of byFile.ready()) print(block);
 * for (const block of byFile.rest()) print(block); // at the end
 * ```
 */
export class ByFile {
  private readonly files: string[];
  /** Cases still to come, by file. */
  private readonly pending = new Map<string, number>();
  private readonly places = new Map<string, number>();
  private readonly results = new Map<string, CaseResult[]>();
  private readonly errors = new Map<string, FileError>();
  /** Files handed out so far, a prefix of `files`. */
  private done = 0;

  constructor(private readonly plan?: Plan) {
    this.files = plan ? [...plan.files] : [];
    for (const c of plan?.cases ?? []) {
      this.pending.set(c.file, (this.pending.get(c.file) ?? 0) + 1);
      this.places.set(key(c), c.index);
    }
  }

  add(r: CaseResult): void {
    if (!this.files.includes(r.file)) this.files.push(r.file);
    const list = this.results.get(r.file) ?? [];
    list.push(r);
    this.results.set(r.file, list);
    this.pending.set(r.file, (this.pending.get(r.file) ?? 1) - 1);
  }

  addError(e: FileError): void {
    if (!this.files.includes(e.file)) this.files.push(e.file);
    this.errors.set(e.file, e);
  }

  /** The files complete since the last call, in order: those whose every case has finished, up to the first that has not. */
  ready(): FileBlock[] {
    if (this.plan === undefined) return [];
    const out: FileBlock[] = [];
    while (this.done < this.files.length && (this.pending.get(this.files[this.done]) ?? 0) <= 0) out.push(...this.take());
    return out;
  }

  /** Every file not handed out yet, in order, complete or not (the run is over). */
  rest(): FileBlock[] {
    const order = this.plan === undefined ? [...this.files].sort() : this.files;
    this.files.splice(0, this.files.length, ...order);
    const out: FileBlock[] = [];
    while (this.done < this.files.length) out.push(...this.take());
    return out;
  }

  private take(): FileBlock[] {
    const file = this.files[this.done++];
    const error = this.errors.get(file) ?? null;
    const results = (this.results.get(file) ?? []).slice().sort((a, b) => this.place(a)[1] - this.place(b)[1]);
    return error === null && results.length === 0 ? [] : [{ file, error, results }];
  }

  private place(r: CaseResult): Place {
    return [this.files.indexOf(r.file), this.places.get(key(r)) ?? line(r.location)];
  }
}

function key(c: { file: string; location: string; name: string }): string {
  return `${c.file}\0${c.location}\0${c.name}`;
}

/** The line of a `file:line` location, to order cases without a plan. */
function line(location: string): number {
  const m = /:(\d+)$/.exec(location);
  return m ? Number(m[1]) : 0;
}
