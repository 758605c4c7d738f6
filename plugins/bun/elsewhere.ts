/** `memassert/bun` under a runtime other than Bun (the package's exports send it here). */
import { pluginElsewhere } from "../../ffi/unsupported.ts";

pluginElsewhere("memassert/bun", "bun test");
