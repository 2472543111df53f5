import type { Command } from "../command/command.js";
import { usersCommand } from "../newsroom/users-command.js";
import { draftCommand } from "../writing/draft-command.js";
import { storiesCommand } from "../writing/stories-command.js";
import { backupCommand, restoreCommand } from "./backup-command.js";
import { checkCommand } from "./check-command.js";
import { demoCommand } from "./demo-command.js";
import { digestCommand } from "./digest-command.js";
import { importCommand } from "./import-command.js";
import { migrateCommand } from "./migrate-command.js";
import { relatedCommand } from "./related-command.js";
import { trendsCommand } from "./trends-command.js";

/**
 * Every `resou` command. A capability adds its own with one line: a `LeafCommand` that
 * takes its own arguments (`users`), or a `group(name, summary, [leaves])` whose
 * subcommands the router resolves (`trends import`, `trends status`). `help` is built in.
 */
export const COMMANDS: Command[] = [
  importCommand,
  migrateCommand,
  usersCommand,
  trendsCommand,
  relatedCommand,
  backupCommand,
  restoreCommand,
  draftCommand,
  storiesCommand,
  checkCommand,
  demoCommand,
  digestCommand,
];
