import { type CliIo, group, type LeafCommand } from "../command/command.js";
import { cliConfig, withDatabase } from "../command/command-database.js";
import { systemClock } from "../core/clock.js";
import {
  type DigestCliContext,
  runDigestPreview,
  runDigestSend,
  runDigestSubscriber,
} from "../digest/digest-cli.js";

function digestLeaf(
  name: string,
  summary: string,
  usage: string,
  run: (ctx: DigestCliContext, args: string[]) => Promise<number>,
): LeafCommand {
  return {
    name,
    summary,
    usage,
    async run(args: string[], io: CliIo) {
      const config = cliConfig(io);
      if (typeof config === "number") return config;
      return withDatabase(config, (database) =>
        run({ database, config, clock: systemClock, out: io.out, err: io.err }, args),
      );
    },
  };
}

/** `resou digest preview|send|subscriber …`. */
export const digestCommand = group(
  "digest",
  "The daily digest: preview, test send, subscriber data",
  [
    digestLeaf(
      "preview",
      "Print an issue as its email would read",
      "--date YYYY-MM-DD [--format text|html] [--edition daily|weekly]",
      runDigestPreview,
    ),
    digestLeaf(
      "send",
      "Send one test copy of an issue",
      "--date YYYY-MM-DD --to <address> [--edition daily|weekly]",
      runDigestSend,
    ),
    digestLeaf(
      "subscriber",
      "Export or delete what is stored about one address",
      "export|delete <address>",
      runDigestSubscriber,
    ),
  ],
);
