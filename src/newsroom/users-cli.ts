import { parseArgs } from "node:util";
import { isAppError } from "../core/errors.js";
import type { Database } from "../db/database.js";
import type { NewsroomRole } from "../db/schema.js";
import type { AuditContext } from "./audit-log.js";
import {
  createUser,
  listUsers,
  ROLES,
  resetPassword,
  updateUser,
} from "./commands/user-commands.js";

export interface CliOutput {
  write(text: string): unknown;
}

/** Each subcommand's arguments, for this usage text and `resou users help <subcommand>`. */
export const USERS_SUBCOMMANDS = [
  "create --role admin|editor|writer --email <email> [--name <name>] --password-stdin",
  "list",
  "reset-password --email <email> --password-stdin",
  "set-role --email <email> --role admin|editor|writer",
  "disable --email <email>",
  "enable --email <email>",
];
const USAGE = `usage:\n${USERS_SUBCOMMANDS.map((line) => `  resou users ${line}\n`).join("")}`;

const cliContext: AuditContext = {
  actorId: null,
  actorLabel: "cli",
  ip: "local",
  userAgent: "resou-cli",
};

async function readAll(stream: AsyncIterable<Buffer | string>): Promise<string> {
  let text = "";
  for await (const chunk of stream) text += chunk.toString();
  return text.replace(/\r?\n$/, "");
}

/**
 * `resou users …`: the first admin is created here on a fresh install. Passwords come only
 * from stdin (never argv, which other users can read in the process list). Returns the exit
 * code.
 */
export async function usersCli(
  database: Database,
  argv: string[],
  out: CliOutput,
  stdin: AsyncIterable<Buffer | string> = process.stdin,
  now: () => Date = () => new Date(),
): Promise<number> {
  const [command, ...rest] = argv;
  let values: { role?: string; email?: string; name?: string; "password-stdin"?: boolean };
  try {
    values = parseArgs({
      args: rest,
      options: {
        role: { type: "string" },
        email: { type: "string" },
        name: { type: "string" },
        "password-stdin": { type: "boolean" },
      },
      strict: true,
    }).values;
  } catch (error) {
    out.write(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const db = database.db;
  const findId = async () => {
    const email = (values.email ?? "").trim().toLowerCase();
    const row = await db
      .selectFrom("newsroom_user")
      .select("id")
      .where("email", "=", email)
      .executeTakeFirst();
    if (!row) throw new Error(`no account for ${email || "(missing --email)"}`);
    return row.id;
  };
  const password = async () => {
    if (!values["password-stdin"])
      throw new Error("give the password on stdin with --password-stdin");
    return readAll(stdin);
  };
  const role = (): NewsroomRole => {
    if (!(ROLES as string[]).includes(values.role ?? ""))
      throw new Error(`--role must be one of ${ROLES.join(", ")}`);
    return values.role as NewsroomRole;
  };
  try {
    switch (command) {
      case "create": {
        const user = await createUser(
          db,
          {
            email: values.email ?? "",
            displayName: values.name ?? (values.email ?? "").split("@")[0] ?? "",
            role: role(),
            password: await password(),
          },
          cliContext,
          now(),
        );
        out.write(`created ${user.role} ${user.email} (id ${user.id})\n`);
        return 0;
      }
      case "list":
        for (const u of await listUsers(db)) {
          out.write(
            `${u.id}\t${u.email}\t${u.role}\t${u.disabled ? "disabled" : "active"}\t${u.displayName}\n`,
          );
        }
        return 0;
      case "reset-password":
        await resetPassword(db, await findId(), await password(), cliContext, now());
        out.write("password reset; that user's sessions were ended\n");
        return 0;
      case "set-role":
        await updateUser(db, await findId(), { role: role() }, cliContext, now());
        out.write("role changed\n");
        return 0;
      case "disable":
      case "enable":
        await updateUser(
          db,
          await findId(),
          { disabled: command === "disable" },
          cliContext,
          now(),
        );
        out.write(`account ${command}d\n`);
        return 0;
      default:
        out.write(USAGE);
        return 2;
    }
  } catch (error) {
    if (isAppError(error)) {
      const fields = (error.details.fields ?? [])
        .map((f) => `  ${f.field}: ${f.message}\n`)
        .join("");
      out.write(`${error.message}\n${fields}`);
      return 1;
    }
    if (error instanceof Error) {
      out.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
