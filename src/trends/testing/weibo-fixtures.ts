import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The project's own copies of the Weibo captures (see test/fixtures/weibo/README.md). */
export const FIXTURES = join(
  dirname(fileURLToPath(import.meta.url)),
  "../../../test/fixtures/weibo",
);

export function fixturePath(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

export function readFixture(...parts: string[]): string {
  return readFileSync(fixturePath(...parts), "utf8");
}

/** The 22 hourly m.weibo.cn captures of 2025-08-26, in time order. */
export function mWeiboCnCaptures(): { name: string; body: string }[] {
  return readdirSync(fixturePath("m-weibo-cn-container"))
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((name) => ({ name, body: readFixture("m-weibo-cn-container", name) }));
}

export interface DerivedItem {
  pos: number;
  word: string;
  realpos: number | null;
  hot: number | null;
  desc_extr_tag: string | null;
  label: string | null;
  pinned: boolean;
  is_ad_pos: boolean;
  ads_word_in_actionlog: boolean;
  query_key: string;
}

export interface DerivedCapture {
  weibo_starttime: number;
  n_items: number;
  items: DerivedItem[];
}

/** The research helper's independent extraction of the same 22 captures. */
export function derivedCaptures(): DerivedCapture[] {
  const parsed = JSON.parse(
    readFixture("derived", "snaildev-2025-08-26-hourly-realtimehot-compact.json"),
  ) as { captures: DerivedCapture[] };
  return [...parsed.captures].sort((a, b) => a.weibo_starttime - b.weibo_starttime);
}
