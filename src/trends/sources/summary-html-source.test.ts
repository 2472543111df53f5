import { describe, expect, it } from "vitest";
import { validateList } from "../snapshot-validate.js";
import { readFixture } from "../testing/weibo-fixtures.js";
import { parseSummaryHtml } from "./summary-html-source.js";
import { isFailure } from "./trend-source.js";

describe("s.weibo.com/top/summary HTML parser", () => {
  const body = readFixture("synthetic", "summary-html-2025-08-26T00-25+0800.html");
  const capture = JSON.parse(
    readFixture("s-weibo-com-summary", "justjavac-raw-2025-08-26-first-capture-0025.json"),
  ) as { url: string; title: string }[];

  it("reads the pinned row, 50 ranked rows in order and drops the javascript: ad", () => {
    const list = parseSummaryHtml(body);
    if (isFailure(list)) throw new Error(list.reason);
    const ranked = list.rows.filter((r) => r.kind === "ranked");
    expect(ranked).toHaveLength(50);
    expect(ranked.map((r) => r.word)).toEqual(capture.slice(1).map((c) => c.title));
    expect(list.rows.filter((r) => r.kind === "pinned").map((r) => r.word)).toEqual([
      capture[0]?.title,
    ]);
    expect(list.rows.filter((r) => r.kind === "ad")).toHaveLength(1);
    expect(ranked[8]).toMatchObject({ rank: 9, heatCategory: "剧集", heat: 191000 });
    expect(ranked[4]?.label).toBe("新");
    expect(validateList(list).ok).toBe(true);
  });

  it("keeps the bare-word query of rank 50 and the hashtag query of rank 1", () => {
    const list = parseSummaryHtml(body);
    if (isFailure(list)) throw new Error(list.reason);
    const last = list.rows.find((r) => r.rank === 50);
    expect(last).toMatchObject({ query: "23岁怀孕上大学的经历和感受", isHashtag: false });
    expect(last?.url).toBe(
      `https://s.weibo.com/weibo?q=${encodeURIComponent("23岁怀孕上大学的经历和感受")}`,
    );
    expect(list.rows.find((r) => r.rank === 1)).toMatchObject({
      query: "#高速有人戴恐怖面具吓车#",
      isHashtag: true,
    });
  });

  it("rejects the visitor page and a page without the table", () => {
    const visitor = parseSummaryHtml(
      readFixture("failures", "m-weibo-cn-sina-visitor-system-utf8.html"),
    );
    expect(isFailure(visitor) && visitor.reason).toBe("visitor_system");
    const other = parseSummaryHtml("<html><body>维护中</body></html>");
    expect(isFailure(other) && other.reason).toBe("shape");
  });
});
