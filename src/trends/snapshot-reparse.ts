import type { Kysely } from "kysely";
import type { Tables } from "../db/schema.js";
import type { FetchFailure } from "./fetch-failure.js";
import { failure } from "./fetch-failure.js";
import { decompressPayload } from "./payload-codec.js";
import {
  justjavacFileSchema,
  justjavacRow,
  lxwFileSchema,
  lxwRow,
} from "./sources/backfill-formats.js";
import { SOURCES } from "./sources/source-registry.js";
import { isFailure, parseJsonBody } from "./sources/trend-source.js";
import { LIVE_SOURCES, type LiveSourceId, type ParsedList } from "./trend-row.js";

/**
 * Re-reads a stored snapshot from its raw payload with today's parsers, e.g. after a parser
 * fix or to extract a field not stored before. Read-only.
 */
export async function reparseSnapshot(
  db: Kysely<Tables>,
  id: number,
): Promise<ParsedList | FetchFailure | null> {
  const row = await db
    .selectFrom("trend_snapshot")
    .select(["source", "payload_gzip"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const body = decompressPayload(row.payload_gzip);
  if ((LIVE_SOURCES as readonly string[]).includes(row.source))
    return SOURCES[row.source as LiveSourceId].parse(body);
  const json = parseJsonBody(body);
  if (isFailure(json)) return json;
  const lxw = lxwFileSchema.safeParse(json.value);
  if (lxw.success) return { rows: lxw.data.map((item) => lxwRow(item).row), generatedAt: null };
  const jj = justjavacFileSchema.safeParse(json.value);
  if (jj.success) return { rows: jj.data.map(justjavacRow), generatedAt: null };
  return failure("shape", `no parser for source ${row.source}`);
}
