import { describe, expect, it } from "vitest";
import { validateList } from "../snapshot-validate.js";
import { derivedCaptures, mWeiboCnCaptures, readFixture } from "../testing/weibo-fixtures.js";
import type { ParsedList } from "../trend-row.js";
import { parseMWeiboCn } from "./m-weibo-cn-source.js";
import { isFailure } from "./trend-source.js";

function parsed(body: string): ParsedList {
  const result = parseMWeiboCn(body);
  if (isFailure(result)) throw new Error(`unexpected failure ${result.reason}`);
  return result;
}

describe("m.weibo.cn container parser on every real capture", () => {
  const captures = mWeiboCnCaptures();
  const derived = derivedCaptures();

  it("has the 22 captures of 2025-08-26", () => {
    expect(captures).toHaveLength(22);
    expect(derived).toHaveLength(22);
  });

  it.each(captures.map((c, i) => [c.name, i] as const))(
    "%s: 50 ranked, pinned and ads recognised",
    (_, i) => {
      const capture = captures[i];
      const expected = derived[i];
      if (!capture || !expected) throw new Error("missing capture");
      const list = parsed(capture.body);
      const ranked = list.rows.filter((r) => r.kind === "ranked");
      const pinned = list.rows.filter((r) => r.kind === "pinned");
      const ads = list.rows.filter((r) => r.kind === "ad");
      expect(ranked).toHaveLength(50);
      expect(pinned).toHaveLength(1);
      expect(ads).toHaveLength(expected.items.filter((x) => x.is_ad_pos).length);
      expect(list.rows).toHaveLength(expected.n_items);
      expect(list.generatedAt?.getTime()).toBe(expected.weibo_starttime * 1000);
      expect(validateList(list).ok).toBe(true);
      for (const item of expected.items.filter((x) => x.realpos !== null && !x.is_ad_pos)) {
        const row = ranked.find((r) => r.rank === item.realpos);
        expect(row?.word).toBe(item.word);
        expect(row?.query).toBe(item.query_key);
        expect(row?.heat).toBe(item.hot);
        expect(row?.label).toBe(item.label ?? "");
        expect(row?.heatCategory).toBe(item.desc_extr_tag ?? "");
        expect(row?.isCommercial).toBe(item.ads_word_in_actionlog);
      }
    },
  );

  it("finds exactly 37 ad slots, 22 pinned rows and the 5 ranked ads_word topics of the day", () => {
    const all = captures.flatMap((c) => parsed(c.body).rows);
    expect(all).toHaveLength(1159);
    expect(all.filter((r) => r.kind === "ad")).toHaveLength(37);
    expect(all.filter((r) => r.kind === "pinned")).toHaveLength(22);
    const commercial = all.filter((r) => r.kind === "ranked" && r.isCommercial);
    expect(commercial.map((r) => r.word)).toEqual([
      "微博文化之夜年度荣誉",
      "福布斯首次把封面交给一线劳动者",
      "国家队组团来炸场",
      "在厦门打开任意门",
      "科技让千年石窟会说话",
    ]);
    expect(commercial.every((r) => r.rank !== null && r.heat !== null)).toBe(true);
    const labels = all
      .filter((r) => r.kind === "ranked" || r.kind === "pinned")
      .map((r) => r.label);
    expect(labels.filter((l) => l === "爆")).toHaveLength(3);
  });

  it("keeps the hashtag form apart from a bare word and builds the search link", () => {
    const list = parsed(
      readFixture("m-weibo-cn-container", "realtimehot-2025-08-26T12-28+0800.json"),
    );
    const bare = list.rows.find((r) => r.rank === 1);
    const tag = list.rows.find((r) => r.rank === 2);
    expect(bare).toMatchObject({
      word: "赴山海",
      query: "赴山海",
      isHashtag: false,
      heat: 1107715,
      heatCategory: "剧集",
      label: "热",
    });
    expect(bare?.url).toBe("https://s.weibo.com/weibo?q=%E8%B5%B4%E5%B1%B1%E6%B5%B7");
    expect(tag).toMatchObject({
      word: "九三盛大阅兵",
      query: "#九三盛大阅兵#",
      isHashtag: true,
      heat: 648472,
      label: "新",
    });
    expect(tag?.url).toBe(
      "https://s.weibo.com/weibo?q=%23%E4%B9%9D%E4%B8%89%E7%9B%9B%E5%A4%A7%E9%98%85%E5%85%B5%23",
    );
    const ad = list.rows.find((r) => r.kind === "ad");
    expect(ad).toMatchObject({ word: "曹骏一款可以许愿的艺人", rank: null, heat: null });
    const pinned = list.rows.find((r) => r.kind === "pinned");
    expect(pinned).toMatchObject({
      word: "习近平会见俄罗斯国家杜马主席沃洛金",
      rank: null,
      label: "热",
    });
  });
});

describe("m.weibo.cn failure captures", () => {
  it.each([
    ["failures/m-weibo-cn-ok-minus100-2025-09-05.json", "login_required"],
    ["failures/m-weibo-cn-hot-topic-ok0-empty-2025-08-26.json", "not_ok"],
    ["failures/m-weibo-cn-sina-visitor-system-gb2312.html", "visitor_system"],
    ["failures/m-weibo-cn-sina-visitor-system-utf8.html", "visitor_system"],
  ])("%s → %s", (file, reason) => {
    const [dir, name] = file.split("/") as [string, string];
    const result = parseMWeiboCn(readFixture(dir, name));
    expect(isFailure(result) && result.reason).toBe(reason);
  });

  it("tells a truncated body from a non-JSON one", () => {
    const body = readFixture("m-weibo-cn-container", "realtimehot-2025-08-26T12-28+0800.json");
    const cut = parseMWeiboCn(body.slice(0, 5000));
    expect(isFailure(cut) && cut.reason).toBe("truncated");
    const junk = parseMWeiboCn("<html><body>502 Bad Gateway</body></html>");
    expect(isFailure(junk) && junk.reason).toBe("invalid_json");
  });

  it("rejects an ok:1 answer whose list card is empty", () => {
    const body = JSON.stringify({
      ok: 1,
      data: { cards: [{ itemid: "hotword", card_group: [] }] },
    });
    const result = parseMWeiboCn(body);
    expect(isFailure(result) && result.reason).toBe("empty_list");
  });
});
