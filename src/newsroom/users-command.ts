import type { LeafCommand } from "../command/command.js";
import { cliConfig, withDatabase } from "../command/command-database.js";
import { usersCli } from "./users-cli.js";

/** `resou users …` for the CLI router: accounts, first admin included. */
export const usersCommand: LeafCommand = {
  name: "users",
  summary: "Newsroom accounts: create (first admin too), list, reset-password, set-role, disable",
  usage:
    "create|list|reset-password|set-role|disable|enable [--email …] [--role …] [--password-stdin]",
  async run(args, io) {
    const config = cliConfig(io);
    if (typeof config === "number") return config;
    return withDatabase(config, async (database) => {
      let pending = "";
      const code = await usersCli(database, args, {
        write(text: string) {
          pending += text;
          const lines = pending.split("\n");
          pending = lines.pop() ?? "";
          for (const line of lines) io.out(line);
        },
      });
      if (pending) io.out(pending);
      return code;
    });
  },
};
