/**
 * Planted bugs for mutation testing (test/mutants/run.ts): each is a small textual patch of
 * one product file, the kind of mistake a change could really make, and the test files
 * (a pattern for test/run.ts) that should catch it. A mutant that no test can catch
 * because it does not change behaviour says why in `equivalent`.
 */

/** One planted bug. */
export interface Mutant {
  /** Short unique name. */
  id: string;
  /** What part of memassert it breaks, for the table. */
  area: string;
  /** Path from the repository root. */
  file: string;
  /** Text that must occur exactly once in `file`… */
  find: string;
  /** …and what it becomes. */
  replace: string;
  /** The bug in words. */
  what: string;
  /** Regular expression picking the test files to run (as `bash test/run.sh PATTERN`). */
  tests: string;
  /** Why no test can catch it: it behaves like the original. */
  equivalent?: string;
}

export const MUTANTS: Mutant[] = [
  // The verdict.
  {
    id: "judge-no-budget", area: "verdict", file: "runner/budget/judge.ts",
    find: "if (budget !== null && peak !== null && isOver(peak, budget)) problems.push(",
    replace: "if (false) problems.push(",
    what: "a case's peak is never checked against its budget", tests: "judge|mem_limits_budget",
  },
  {
    id: "judge-no-growth", area: "verdict", file: "runner/budget/judge.ts",
    find: "if (growth !== null && grown !== null && isOver(grown, growth)) problems.push(",
    replace: "if (false) problems.push(",
    what: "a case's growth is never checked against its limit", tests: "judge|mem_limits_budget|mem_runs",
  },
  {
    id: "judge-budget-ge", area: "verdict", file: "runner/budget/judge.ts",
    find: "isOver(peak, budget)", replace: "peak >= budget",
    what: "a peak exactly at its budget fails", tests: "judge",
  },
  {
    id: "judge-growth-ge", area: "verdict", file: "runner/budget/judge.ts",
    find: "isOver(grown, growth)", replace: "grown >= growth",
    what: "a growth exactly at its limit fails", tests: "judge",
  },
  {
    id: "verdict-over-ge", area: "verdict", file: "runner/budget/verdict.ts",
    find: "return figure > limit;", replace: "return figure >= limit;",
    what: "isOver counts a figure at its limit as over", tests: "judge",
  },
  {
    id: "median-upper", area: "verdict", file: "runner/budget/judge.ts",
    find: "s.length % 2 ? s[mid] : Math.round((s[mid - 1] + s[mid]) / 2)", replace: "s[mid]",
    what: "the median of an even number of runs is the upper middle one", tests: "judge",
  },
  {
    id: "median-last-run", area: "verdict", file: "runner/budget/judge.ts",
    find: "const peak = measures.length ? median(measures.map((m) => m.peak)) : null;",
    replace: "const peak = measures.length ? measures[measures.length - 1].peak : null;",
    what: "the peak judged is the last run's, not the median", tests: "judge|mem_runs",
  },
  {
    id: "headroom-max", area: "verdict", file: "runner/budget/judge.ts",
    find: "Math.min(...headrooms)", replace: "Math.max(...headrooms)",
    what: "the headroom is that of the loosest limit", tests: "judge",
  },
  {
    id: "output-first-run", area: "verdict", file: "runner/budget/judge.ts",
    find: "(failed ?? outcomes[outcomes.length - 1])", replace: "(outcomes[0])",
    what: "a failed case keeps the first run's output, not the failing one's", tests: "judge",
  },
  {
    id: "overlimit-excess-sign", area: "verdict", file: "runner/budget/verdict.ts",
    find: "const by = l.figure - l.limit;", replace: "const by = l.limit - l.figure;",
    what: "the excess is reported with the wrong sign", tests: "judge|summary|cli_exit",
  },
  {
    id: "growth-source", area: "verdict", file: "runner/budget/judge.ts",
    find: "source: growthSource }", replace: "source }",
    what: "a growth failure names where the budget is set", tests: "limits_source|mem_config",
  },
  // Limits layering.
  {
    id: "layers-case-last", area: "limits", file: "runner/budget/limits.ts",
    find: "const all: Layer[] = [{ options: c.options, source: `test(\"${c.name}\", { … }) at ${c.location}` }, ...layers];",
    replace: "const all: Layer[] = [...layers, { options: c.options, source: `test(\"${c.name}\", { … }) at ${c.location}` }];",
    what: "a case's own options lose to every other layer", tests: "limits|mem_limits_layers",
  },
  {
    id: "layers-config-over-cli", area: "limits", file: "runner/testing/schedule.ts",
    find: "layers: (value) => value === undefined ? layers : [...layers, configLayer(value, configModule!, `${configModule} (export default { … })`)],",
    replace: "layers: (value) => value === undefined ? layers : [configLayer(value, configModule!, `${configModule} (export default { … })`), ...layers],",
    what: "the config wins over the command line", tests: "mem_limits_layers",
  },
  {
    id: "layers-defaults-last", area: "limits", file: "runner/testing/collect.ts",
    find: "[...fileLayer, ...layers]),",
    replace: "[...layers, ...fileLayer]),",
    what: "defaults() lose to the command line and the config", tests: "mem_limits_layers",
  },
  {
    id: "kill-above-2x", area: "limits", file: "runner/budget/limits.ts",
    find: "if (budget !== null) return 4 * budget;", replace: "if (budget !== null) return 2 * budget;",
    what: "the default kill-above is 2× the budget", tests: "limits",
  },
  {
    id: "runs-zero-allowed", area: "limits", file: "runner/budget/limits.ts",
    find: "count(pick(\"runs\")?.options.runs, \"runs\", where(pick(\"runs\")), 1)",
    replace: "count(pick(\"runs\")?.options.runs, \"runs\", where(pick(\"runs\")), 0)",
    what: "runs: 0 is accepted", tests: "limits",
  },
  // The case protocol.
  {
    id: "case-no-arm-exact", area: "case protocol", file: "runner/case/child.ts",
    find: "  armExact();\n", replace: "",
    what: "a case runs under the fast filter: frees before its end are not stopped at", tests: "mem_growth_short",
  },
  {
    id: "case-no-gc", area: "case protocol", file: "runner/case/child.ts",
    find: "  await fullGc();\n", replace: "",
    what: "no full GC before the start mark: load-time garbage is in the case's figures", tests: "mem_load_garbage",
  },
  {
    id: "case-start-after-run", area: "case protocol", file: "runner/case/child.ts",
    find: "  markNow(MARK.CASE_START);\n  try {\n    await c.fn();",
    replace: "  try {\n    await c.fn();\n    markNow(MARK.CASE_START);",
    what: "the start mark is made after the case ran", tests: "mem_growth_64|mem_growth_short",
  },
  {
    id: "case-no-end-mark", area: "case protocol", file: "runner/case/child.ts",
    find: "  markNow(MARK.CASE_END);\n", replace: "",
    what: "no end mark: the runner cannot tell the case finished", tests: "mem_growth_nothing|mem_limits_budget",
  },
  {
    id: "case-baseline-peak", area: "case protocol", file: "runner/case/run.ts",
    find: "growth: end.peakRss - start.rss, baseline: start.rss,",
    replace: "growth: end.peakRss - start.peakRss, baseline: start.peakRss,",
    what: "the baseline is the peak before the start mark (the load's), not the RSS at it", tests: "mem_load_garbage|mem_growth_64",
    equivalent: "a case's process loads under the fast filter, which stops only at exec and at marks, and the start mark is its first mark: nothing read before it can be above the start mark's own reading, so the peak before it is the RSS at it",
  },
  {
    id: "case-verdict-error-ignored", area: "case protocol", file: "runner/case/run.ts",
    find: "      error: verdict.error,\n", replace: "      error: null,\n",
    what: "a case that threw is judged on its figures alone", tests: "mem_throwing",
  },
  // The tracer's reading rules.
  {
    id: "brk-grow-is-shrink", area: "tracer", file: "runner/trace/tracer.ts",
    find: "const shrinking = to < p.lastBrk;", replace: "const shrinking = to > p.lastBrk;",
    what: "brk shrinking is taken for growing and the reverse", tests: "accuracy_brk",
  },
  {
    id: "brk-never-read", area: "tracer", file: "runner/trace/tracer.ts",
    find: "this.stop(p, shrinking ? \"self\" : \"none\");", replace: "this.stop(p, \"none\");",
    what: "a shrinking brk reads the RSS but not the peak's details", tests: "accuracy_brk",
  },
  {
    id: "kill-reads-none", area: "tracer", file: "runner/trace/tracer.ts",
    find: "this.stop(p, \"all\");", replace: "this.stop(p, \"none\");",
    what: "a SIGKILL sent by a traced process does not read the peaks' details", tests: "accuracy_sigkill",
    equivalent: "on this kernel a process killed by SIGKILL still makes its exit stop with its memory intact (seen: kill_self's exit stop reads its whole 130 MiB), and the exit stop reads every figure the kill stop would",
  },
  {
    id: "exit-not-read", area: "tracer", file: "runner/trace/tracer.ts",
    find: "        this.stop(p, \"self\", p.tids.size === 1);\n",
    replace: "",
    what: "nothing is read at a process's exit", tests: "accuracy|tree_",
  },
  {
    id: "vfork-not-shared", area: "tracer", file: "runner/trace/tracer.ts",
    find: "      if (event === EV.VFORK) this.r.share(p, parent);\n", replace: "",
    what: "a vfork child is counted as well as the parent whose memory it uses", tests: "tree_posix_spawn",
  },
  {
    id: "fork-sharing-unchanged", area: "PSS", file: "runner/trace/tracer.ts",
    find: "      parent.sharingChanged = true;\n      const p = this.add(child, parent);",
    replace: "      const p = this.add(child, parent);",
    what: "a fork does not mark the parent's pages as now shared", tests: "tree_pss_fork|accuracy_pss_child",
    equivalent: "PSS is derived only for a process alone in its tree: after a fork the child is alive (the parent is not alone), and the child's exit marks the parent's sharing as changed anyway",
  },
  {
    id: "tree-sum-skips-stopped", area: "tracer", file: "runner/trace/readings.ts",
    find: "      if (q.sharing !== null || q.fd < 0) continue;",
    replace: "      if (q.sharing !== null || q.fd < 0 || (q === p && this.live.length > 1)) continue;",
    what: "the tree's sum leaves out the process that stopped", tests: "tree_concurrent|tree_parent_allocs",
  },
  {
    id: "peak-not-kept", area: "tracer", file: "runner/trace/readings.ts",
    find: "      if (rss > q.peakRss) {\n        q.peakRss = rss;",
    replace: "      if (rss > q.peakRss) {\n        q.peakRss = drop === \"none\" ? q.peakRss : rss;",
    what: "RSS read at a stop that frees nothing is not kept as a peak", tests: "accuracy_brk|accuracy_exec|tree_",
    equivalent: "RSS only drops at a stop that frees (or at exit, also a stop), where every live process is read again before the drop: a value read at a stop that frees nothing is read again, at least as high, before it can be lost",
  },
  // PSS derivation.
  {
    id: "pss-shortcut-ignores-sharing", area: "PSS", file: "runner/trace/process.ts",
    find: "if (this.sharingChanged || this.detailShared !== this.shared) return -1;",
    replace: "if (this.detailShared !== this.shared) return -1;",
    what: "PSS is derived from the last reading even after a fork, exec or child exit", tests: "tree_pss_fork|tree_shared_anon|accuracy_pss_child",
  },
  {
    id: "child-exit-sharing-unchanged", area: "PSS", file: "runner/trace/tracer.ts",
    find: "    if (p.parent !== null) p.parent.sharingChanged = true;\n", replace: "",
    what: "a child's exit does not mark the pages it shared with its parent as the parent's again", tests: "accuracy_pss_child|tree_pss",
  },
  {
    id: "pss-derived-in-a-tree", area: "PSS", file: "runner/trace/readings.ts",
    find: "return this.alone ? q.pssFromLastRead() : -1;", replace: "return q.pssFromLastRead();",
    what: "PSS is derived from a process's last reading while other processes may share its pages", tests: "tree_siblings|tree_pss|tree_shared_anon|accuracy_pss_fork_grow",
  },
  {
    id: "pss-at-peak-uncorrected", area: "PSS", file: "runner/trace/process.ts",
    find: "  if (detailRss === 0) return peakPss;\n", replace: "  return peakPss;\n",
    what: "PSS at a peak later than the last reading is that reading's, without the growth since", tests: "accuracy_malloc_free|accuracy_pss_small|tree_pss|accuracy_split",
  },
  {
    id: "pss-never-grown-enough", area: "PSS", file: "runner/trace/process.ts",
    find: "return peak - atLastRead >= Math.max(256 * 1024, atLastRead / 32);", replace: "return false;",
    what: "PSS is never read at a drop after growth, only at exits or when derived", tests: "tree_shared_anon|tree_pss|accuracy_malloc_free|accuracy_split",
  },
  {
    id: "split-anon-is-file", area: "PSS", file: "runner/trace/readings.ts",
    find: "    q.anon = d.anon;\n    q.file = d.file;", replace: "    q.anon = d.file;\n    q.file = d.anon;",
    what: "the anon/file split read at a peak is swapped", tests: "accuracy_split|accuracy_memfd|accuracy_brk_fork",
  },
  // Seccomp rules, x86_64.
  {
    id: "x64-no-munmap", area: "seccomp x86_64", file: "runner/trace/seccomp.ts",
    find: "const drops = [X64.munmap, X64.mremap,", replace: "const drops = [X64.mremap,",
    what: "munmap does not stop", tests: "seccomp_x86_64|accuracy_malloc_free",
  },
  {
    id: "x64-no-map-fixed", area: "seccomp x86_64", file: "runner/trace/seccomp.ts",
    find: "{ nr: X64.mmap, tag: TAG.DROP, body: argHas(3, MAP_FIXED) }, // mmap over existing pages",
    replace: "",
    what: "mmap with MAP_FIXED (over resident pages) does not stop", tests: "seccomp",
  },
  {
    id: "x64-no-kill", area: "seccomp x86_64", file: "runner/trace/seccomp.ts",
    find: "    { nr: X64.kill, tag: TAG.KILL, body: argIn(1, [SIG.KILL]) },\n", replace: "",
    what: "kill(pid, SIGKILL) does not stop", tests: "seccomp|accuracy_sigkill",
  },
  {
    id: "x64-tgkill-wrong-arg", area: "seccomp x86_64", file: "runner/trace/seccomp.ts",
    find: "{ nr: X64.tgkill, tag: TAG.KILL, body: argIn(2, [SIG.KILL]) },",
    replace: "{ nr: X64.tgkill, tag: TAG.KILL, body: argIn(1, [SIG.KILL]) },",
    what: "tgkill's signal is read from its second argument (the thread id)", tests: "seccomp",
  },
  {
    id: "x64-no-pageout", area: "seccomp x86_64", file: "runner/trace/seccomp.ts",
    find: "const FREEING_ADVICE = [4, 8, 9, 21, 24,", replace: "const FREEING_ADVICE = [4, 8, 9, 24,",
    what: "madvise(MADV_PAGEOUT) does not stop", tests: "seccomp",
  },
  {
    id: "x64-brk0-stops", area: "seccomp x86_64", file: "runner/trace/seccomp.ts",
    find: "{ nr: X64.brk, tag: TAG.BRK, body: unless64(argLo(0), argHi(0), 0n) },",
    replace: "{ nr: X64.brk, tag: TAG.BRK, body: always },",
    what: "brk(0), which only asks, stops too", tests: "seccomp",
  },
  {
    id: "x64-brk-low-word-only", area: "seccomp x86_64", file: "runner/trace/seccomp.ts",
    find: "  [JEQ, 0, 2, Number(value & 0xffffffffn)],\n  [LD_ABS, 0, 0, hi],\n  [JEQ, 1, 0, Number(value >> 32n)],",
    replace: "  [JEQ, 0, 2, Number(value & 0xffffffffn)],\n  [LD_ABS, 0, 0, hi],\n  [JEQ, 1, 1, Number(value >> 32n)],",
    what: "a 64-bit argument is compared on its low word only (execve's address, brk's)", tests: "seccomp",
  },
  {
    id: "x64-mark-is-drop", area: "seccomp x86_64", file: "runner/trace/seccomp.ts",
    find: "  [JEQ, FREEING_ADVICE.length + 2, 0, MARK_ADVICE],", replace: "  [JEQ, FREEING_ADVICE.length + 1, 0, MARK_ADVICE],",
    what: "the mark advice jumps to the freeing return: marks stop as drops", tests: "seccomp|mem_growth_nothing",
  },
  {
    id: "x64-spawn-execve-traced", area: "seccomp x86_64", file: "runner/trace/seccomp.ts",
    find: "{ nr: X64.execve, tag: TAG.EXEC, body: unless64(OFF_IP, OFF_IP + 4, execveReturn) },",
    replace: "{ nr: X64.execve, tag: TAG.EXEC, body: always },",
    what: "the spawn routine's own execve stops too", tests: "seccomp",
  },
  {
    id: "x32-allowed", area: "seccomp x86_64", file: "runner/trace/seccomp.ts",
    find: "[JGE, 0, 1, X32_SYSCALL_BIT], // x32 calls: trap them all rather than miss one",
    replace: "[JGE, 1, 1, X32_SYSCALL_BIT], // x32 calls: trap them all rather than miss one",
    what: "x32 calls go through untraced", tests: "seccomp",
  },
  {
    id: "fast-is-exact", area: "seccomp x86_64", file: "runner/trace/seccomp.ts",
    find: "  if (!exact) return [...exec, mark];\n", replace: "",
    what: "the fast filter stops at every freeing call", tests: "seccomp",
  },
  // Seccomp rules, i386.
  {
    id: "i386-no-freeing", area: "seccomp i386", file: "runner/trace/seccomp.ts",
    find: "  if (!exact) return exec;\n", replace: "  return exec;\n",
    what: "no freeing call of an i386 program stops", tests: "seccomp",
  },
  {
    id: "i386-madvise-any", area: "seccomp i386", file: "runner/trace/seccomp.ts",
    find: "{ nr: I386.madvise, tag: TAG.DROP, body: argIn(2, FREEING_ADVICE) },",
    replace: "{ nr: I386.madvise, tag: TAG.DROP, body: always },",
    what: "every i386 madvise stops, freeing or not", tests: "seccomp",
  },
  {
    id: "i386-x64-numbers", area: "seccomp i386", file: "runner/trace/seccomp.ts",
    find: "const i386 = dispatch(i386Rules(exact));", replace: "const i386 = dispatch(x86_64Rules(execveReturn, exact));",
    what: "i386 calls are matched against the 64-bit numbers", tests: "seccomp",
  },
  // The byte parser and formatter.
  {
    id: "bytes-mib-decimal", area: "bytes", file: "runner/budget/bytes.ts",
    find: "  MiB: 2 ** 20,", replace: "  MiB: 1e6,",
    what: "MiB is taken as a million bytes", tests: "bytes",
  },
  {
    id: "bytes-negative-ok", area: "bytes", file: "runner/budget/bytes.ts",
    find: "  if (bytes < 0) {", replace: "  if (bytes < -1) {",
    what: "a negative size is accepted", tests: "bytes",
  },
  {
    id: "bytes-truncate", area: "bytes", file: "runner/budget/bytes.ts",
    find: "const rounded = Math.round(bytes) + 0;", replace: "const rounded = Math.floor(bytes) + 0;",
    what: "fractional sizes are truncated, not rounded", tests: "bytes",
  },
  {
    id: "format-no-promote", area: "bytes", file: "runner/budget/bytes.ts",
    find: "while (Math.round(value * 10) / 10 >= 1024 && unit < IEC.length - 1) {",
    replace: "while (value >= 1024 && unit < IEC.length - 1) {",
    what: "1 MiB − 1 byte prints as 1024.0 KiB", tests: "bytes",
  },
  // Reporters.
  {
    id: "junit-no-amp", area: "reporters", file: "runner/report/junit.ts",
    find: "return xmlSafe(s).replace(/&/g, \"&amp;\").replace(/</g, \"&lt;\")", replace: "return xmlSafe(s).replace(/</g, \"&lt;\")",
    what: "& in JUnit text is not escaped", tests: "report_junit|mem_junit",
  },
  {
    id: "json-no-file-errors", area: "reporters", file: "runner/report/json.ts",
    find: "    fileErrors: report.fileErrors.map(fileError),", replace: "    fileErrors: [],",
    what: "the JSON report leaves out files that could not be loaded", tests: "report_json|mem_syntax",
  },
  {
    id: "text-mark-swapped", area: "reporters", file: "runner/report/case_text.ts",
    find: "const MARK = { passed: \"✓\", failed: \"✗\", skipped: \"-\" } as const;",
    replace: "const MARK = { passed: \"✓\", failed: \"✓\", skipped: \"-\" } as const;",
    what: "a failed case is marked as passed in the text report", tests: "report_terminal|mem_examples",
  },
  // Retained memory, warm-up and leaks.
  {
    id: "judge-no-heap-retained", area: "retained", file: "runner/budget/judge.ts",
    find: "if (limits.heapRetained !== null && heapRetained !== null && isOver(heapRetained, limits.heapRetained)) {",
    replace: "if (false) {",
    what: "a case's heap retained is never checked against its limit", tests: "mem_retained",
  },
  {
    id: "settle-no-gc", area: "retained", file: "runner/case/child.ts",
    find: "  await new Promise((resolve) => setTimeout(resolve, 0));\n  await fullGc();\n",
    replace: "",
    what: "no full GC after the end mark: garbage counts as retained", tests: "mem_retained",
  },
  {
    id: "warmup-ignored", area: "retained", file: "runner/case/plan.ts",
    find: "for (let i = 0; i < n; i++) {", replace: "for (let i = 0; i < 0; i++) {",
    what: "warm-up runs never run", tests: "mem_warmup",
  },
  {
    id: "leak-slope-run-1", area: "retained", file: "runner/budget/leak.ts",
    find: "const after = s.heapRetained.slice(1);", replace: "const after = s.heapRetained;",
    what: "the leak slope counts run 1, where caches fill", tests: "leak_slope|mem_leak_runs",
  },
];
