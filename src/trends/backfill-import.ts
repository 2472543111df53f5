import type { Kysely } from "kysely";
import type { Tables } from "../db/schema.js";
import { ingestArchive } from "./archive-store.js";
import { type FetchFailure, failure } from "./fetch-failure.js";
import { ingestSnapshot, type SnapshotInput } from "./snapshot-store.js";
import { captureTimeProblem, validateList } from "./snapshot-validate.js";
import {
  justjavacFileSchema,
  justjavacRow,
  lxwFileSchema,
  lxwRow,
} from "./sources/backfill-formats.js";
import { parseMWeiboCn } from "./sources/m-weibo-cn-source.js";
import { parseSideHotSearch } from "./sources/side-hotsearch-source.js";
import { parseSummaryHtml } from "./sources/summary-html-source.js";
import { isFailure, parseJsonBody } from "./sources/trend-source.js";
import type { ParsedList, SourceId } from "./trend-row.js";

export interface ImportFile {
  name: string;
  body: string;
  /** Overrides any time found in the payload or the file name. */
  capturedAt?: Date;
  /** Part of the recorded demo day: the stored list is marked as a replay. */
  replay?: boolean;
}

export type ImportResult =
  | {
      file: string;
      status: "stored" | "duplicate";
      kind: "list" | "archive";
      source: SourceId;
      capturedAt: string;
      snapshotId: number;
    }
  | {
      file: string;
      status: "rejected";
      reason: FetchFailure["reason"] | "no_time" | "future_time";
      detail: string;
    };

interface Recognised {
  source: SourceId;
  contentType: string;
  list: ParsedList;
  /** Merged daily file: stored as an archive, not as a list. */
  archive: boolean;
}

/**
 * Imports one captured file: a verbatim m.weibo.cn or side-hotsearch response, a
 * summary HTML page, an lxw hourly list or a justjavac `[{url,title}]` file. Single lists
 * pass the same validation as live polls; merged daily files become archives.
 */
export async function importCapture(
  db: Kysely<Tables>,
  file: ImportFile,
  now: Date,
): Promise<ImportResult> {
  const timed = recogniseTimed(file, now);
  if ("status" in timed) return timed;
  const { recognised, capturedAt } = timed;
  if (recognised.archive) {
    const stored = await ingestArchive(
      db,
      {
        source: recognised.source,
        capturedAt,
        payload: file.body,
        contentType: recognised.contentType,
        rows: recognised.list.rows,
      },
      now,
    );
    return {
      file: file.name,
      status: stored.status,
      kind: "archive",
      source: recognised.source,
      capturedAt: capturedAt.toISOString(),
      snapshotId: stored.snapshotId,
    };
  }
  const input = validatedInput(file, recognised, capturedAt);
  if ("status" in input) return input;
  const stored = await ingestSnapshot(db, input, now);
  return {
    file: file.name,
    status: stored.status,
    kind: "list",
    source: recognised.source,
    capturedAt: capturedAt.toISOString(),
    snapshotId: stored.snapshotId,
  };
}

export type CaptureRejection = Extract<ImportResult, { status: "rejected" }>;

/**
 * One captured single list, recognised, timed and validated exactly as `importCapture`
 * does, ready for `ingestSnapshots` (a batch stored in one transaction, e.g. the demo
 * replay). A merged daily archive is refused here: it is not one list.
 */
export function prepareListCapture(file: ImportFile, now: Date): SnapshotInput | CaptureRejection {
  const timed = recogniseTimed(file, now);
  if ("status" in timed) return timed;
  if (timed.recognised.archive) {
    return {
      file: file.name,
      status: "rejected",
      reason: "shape",
      detail: "a merged daily archive, not one list",
    };
  }
  return validatedInput(file, timed.recognised, timed.capturedAt);
}

function recogniseTimed(
  file: ImportFile,
  now: Date,
): { recognised: Recognised; capturedAt: Date } | CaptureRejection {
  const recognised = recognise(file.body);
  if (isFailure(recognised))
    return {
      file: file.name,
      status: "rejected",
      reason: recognised.reason,
      detail: recognised.detail,
    };
  const capturedAt = file.capturedAt ?? recognised.list.generatedAt ?? timeFromFileName(file.name);
  if (!capturedAt) {
    return {
      file: file.name,
      status: "rejected",
      reason: "no_time",
      detail: "no capture time in the file or its name; pass --captured-at",
    };
  }
  const future = captureTimeProblem(capturedAt, now);
  if (future) return { file: file.name, status: "rejected", reason: "future_time", detail: future };
  return { recognised, capturedAt };
}

function validatedInput(
  file: ImportFile,
  recognised: Recognised,
  capturedAt: Date,
): SnapshotInput | CaptureRejection {
  const list = validateList(recognised.list);
  if (!list.ok)
    return { file: file.name, status: "rejected", reason: list.reason, detail: list.detail };
  return {
    source: recognised.source,
    capturedAt,
    payload: file.body,
    contentType: recognised.contentType,
    list,
    ...(file.replay ? { replay: true } : {}),
  };
}

function recognise(body: string): Recognised | FetchFailure {
  const text = body.trimStart();
  if (text.startsWith("<")) {
    const list = parseSummaryHtml(body);
    return isFailure(list)
      ? list
      : { source: "summary-html", contentType: "text/html", list, archive: false };
  }
  const json = parseJsonBody(body);
  if (isFailure(json)) return json;
  const value = json.value;
  const json_ = "application/json";
  if (!Array.isArray(value)) {
    const data = (value as { data?: { realtime?: unknown } } | null)?.data;
    const list = data && "realtime" in data ? parseSideHotSearch(body) : parseMWeiboCn(body);
    const source: SourceId = data && "realtime" in data ? "side-hotsearch" : "m-weibo-cn";
    return isFailure(list) ? list : { source, contentType: json_, list, archive: false };
  }
  const lxw = lxwFileSchema.safeParse(value);
  if (lxw.success) {
    const rows = lxw.data.map(lxwRow);
    const times = rows.map((r) => r.displayTime).filter((t): t is number => t !== null);
    const generatedAt = times.length > 0 ? new Date(Math.max(...times) * 1000) : null;
    return {
      source: "lxw-hourly",
      contentType: json_,
      list: { rows: rows.map((r) => r.row), generatedAt },
      archive: false,
    };
  }
  const jj = justjavacFileSchema.safeParse(value);
  if (jj.success) {
    const rows = jj.data.map(justjavacRow);
    const list = { rows, generatedAt: null };
    const single = validateList(list).ok;
    return {
      source: single ? "justjavac-list" : "justjavac-archive",
      contentType: json_,
      list,
      archive: !single,
    };
  }
  if (value.length === 0) return failure("empty_list", "empty array");
  return failure("shape", "not a known capture format");
}

/**
 * Capture time from names like `realtimehot-2025-08-26T12-28+0800.json`,
 * `lxw-2025-08-26-12.json` or `…2025-08-26-first-capture-0025.json`; China time (+08:00).
 */
export function timeFromFileName(name: string): Date | null {
  const base = name.split(/[\\/]/).pop() ?? name;
  const date = base.match(/(\d{4})-(\d{2})-(\d{2})/);
  if (!date) return null;
  const rest = base.slice((date.index ?? 0) + date[0].length);
  const hm =
    rest.match(/^[T-](\d{2})(?:-(\d{2}))?(?=[^\d]|$)/) ?? rest.match(/-(\d{2})(\d{2})\.\w+$/);
  const hour = hm?.[1] ?? "00";
  const minute = hm?.[2] ?? "00";
  const at = new Date(`${date[1]}-${date[2]}-${date[3]}T${hour}:${minute}:00+08:00`);
  return Number.isNaN(at.getTime()) ? null : at;
}
