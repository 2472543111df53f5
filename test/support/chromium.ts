import { join } from "node:path";

/** Debian's chromium; `.ci/run` installs it. `RESOU_CHROMIUM` names another build. */
export const CHROMIUM = process.env.RESOU_CHROMIUM ?? "/usr/bin/chromium";

/** Flags for a quiet headless chromium in a container: no sandbox, GPU or phoning home. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Where browser tests save screenshots; the README names this folder. */
export const SCREENSHOTS = join(process.cwd(), "test-results", "screenshots");
