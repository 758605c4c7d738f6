/** `memassert/deno` under a runtime other than Deno (the package's exports send it here). */
import { pluginElsewhere } from "../../ffi/unsupported.ts";

pluginElsewhere("memassert/deno", "deno test");
