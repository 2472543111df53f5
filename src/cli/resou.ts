import { COMMANDS } from "./commands.js";
import { route } from "./router.js";

/** `npm run resou -- <command>` or `npx resou <command>`: see `resou help`. */
const code = await route("resou", COMMANDS, process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
});
process.exitCode = code;
