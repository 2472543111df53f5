import { usersCommand } from "../newsroom/users-command.js";
import type { Command } from "./command.js";
import { importCommand } from "./import-command.js";
import { migrateCommand } from "./migrate-command.js";

/**
 * Every `resou` command. A capability adds its own with one line, e.g.
 *   group("trends", "Weibo trend tracking", trendsCommands),
 *   group("users", "Editor accounts", userCommands),
 * where the list holds `LeafCommand`s (see command.ts). `help` is built in.
 */
export const COMMANDS: Command[] = [importCommand, migrateCommand, usersCommand];
