/**
 * The describe labels around a case, read from the JUnit file of its process. `bun test` has
 * no API that names the running test or its describes; its JUnit report nests a `testsuite`
 * element per describe around each `testcase`, which the case's process writes as it exits.
 */
import { readFileSync } from "node:fs";

/** The labels of the describes around the test named `name` in the JUnit file `path`, outermost first; null when it is not there. */
export function describeLabels(path: string, name: string): string[] | null {
  let xml: string;
  try {
    xml = readFileSync(path, "utf8");
  } catch {
    return null;
  }
  const stack: string[] = [];
  for (const m of xml.matchAll(/<(\/?)(testsuite|testcase)\b([^>]*?)(\/?)>/g)) {
    const [, closing, tag, attrs, selfClosing] = m;
    if (tag === "testsuite") {
      if (closing) stack.pop();
      else if (!selfClosing) stack.push(attr(attrs, "name") ?? "");
    } else if (!closing && attr(attrs, "name") === name) {
      // The outermost testsuite is the file, named by its path.
      return stack.slice(1);
    }
  }
  return null;
}

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(attrs);
  return m ? unescape(m[1]) : null;
}

function unescape(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" } as Record<string, string>)[e];
  });
}
