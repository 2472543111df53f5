import { describe, expect, it } from "vitest";
import { createRelatedIndex } from "./related-index.js";
import type { RelatedDoc } from "./related-types.js";

const distractors: RelatedDoc[] = [
  {
    id: 10,
    title: "Central bank holds rates steady",
    body: "The People's Bank of China left its loan prime rate unchanged on Monday, as economists in Beijing had expected, citing stable inflation.",
    publishedAt: "2025-08-20",
  },
  {
    id: 11,
    title: "Typhoon makes landfall in Guangdong",
    body: "Typhoon Wipha brought heavy rain to Zhuhai and Macau; flights were cancelled and schools closed across the Pearl River Delta.",
    publishedAt: "2025-08-21",
  },
  {
    id: 12,
    title: "Gaokao essay topics spark debate",
    lead: "Millions of students sat the national college entrance exam.",
    body: "Essay prompts on artificial intelligence trended on Weibo as teachers in Shanghai and Chengdu discussed them.",
    hashtags: ["#高考作文题#"],
    publishedAt: "2025-06-07",
  },
  {
    id: 13,
    title: "Panda cub born at Chengdu base",
    body: "Keepers at the Chengdu Research Base of Giant Panda Breeding said the cub weighed 150 grams and mother Mei Lan was doing well.",
    publishedAt: "2025-08-22",
  },
];

const trumpKim1: RelatedDoc = {
  id: 1,
  title: "Trump says he has a very good relationship with Kim Jong Un",
  lead: "Donald Trump told reporters in Washington he would like to meet Kim Jong Un this year.",
  body: "Weibo users debated the remarks under the hashtag about Trump and Kim. Analysts in Seoul said a summit in Pyongyang was unlikely before October.",
  hashtags: ["#特朗普称与金正恩关系非常好#"],
  tags: ["North Korea", "United States"],
  publishedAt: "2025-08-26",
};
const trumpKim2: RelatedDoc = {
  id: 2,
  title: "Pyongyang silent after Trump praises Kim Jong Un",
  lead: "North Korea's state media made no mention of Donald Trump's praise for Kim Jong Un.",
  body: "Diplomats in Seoul said Pyongyang was weighing a summit. The Weibo topic on Trump and Kim drew 200 million views.",
  hashtags: ["特朗普称与金正恩关系非常好"],
  tags: ["North Korea"],
  publishedAt: "2025-08-27",
};

function indexWith(...docs: RelatedDoc[]) {
  const index = createRelatedIndex();
  for (const d of [...distractors, ...docs]) index.add(d);
  return index;
}

describe("createRelatedIndex", () => {
  it("puts two articles on the same story in each other's list, never an article itself", () => {
    const index = indexWith(trumpKim1, trumpKim2);
    expect(index.size).toBe(6);
    expect(index.topK(1, 3)[0]?.id).toBe(2);
    expect(index.topK(2, 3)[0]?.id).toBe(1);
    for (const id of [1, 2, 10, 11, 12, 13]) {
      expect(index.topK(id, 5).map((h) => h.id)).not.toContain(id);
    }
    expect(index.topK(999, 5)).toEqual([]);
  });

  it("reports the lists a new article affects, and remove() takes it out of them", () => {
    const index = indexWith(trumpKim1);
    index.topK(1, 5);
    index.add(trumpKim2);
    expect(index.affectedBy(2)).toContain(1);
    expect(index.topK(1, 5)[0]?.id).toBe(2);

    const holders = index.remove(2);
    expect(holders).toContain(1);
    expect(index.has(2)).toBe(false);
    expect(index.topK(1, 5).map((h) => h.id)).not.toContain(2);
    expect(index.size).toBe(5);
  });

  it("replaces an article added again under the same id", () => {
    const index = indexWith(trumpKim1, trumpKim2);
    index.add({
      ...trumpKim2,
      title: "Panda keepers weigh newborn cub in Chengdu",
      lead: "",
      body: "Mei Lan and her cub are well, the Chengdu Research Base of Giant Panda Breeding said.",
      hashtags: [],
      tags: [],
    });
    expect(index.size).toBe(6);
    expect(index.topK(2, 1)[0]?.id).toBe(13);
  });

  it("matches articles through a shared Weibo hashtag alone", () => {
    const index = indexWith({
      id: 3,
      title: "Students react to this year's essay prompts",
      body: "Reactions poured in online.",
      hashtags: ["高考作文题"],
      publishedAt: "2025-06-08",
    });
    expect(index.topK(3, 1)[0]?.id).toBe(12);
  });

  it("drops a near-duplicate copy of an article already in the list", () => {
    const copy = { ...trumpKim2, id: 4 };
    const index = indexWith(trumpKim1, trumpKim2, copy);
    const ids = index.topK(1, 5).map((h) => h.id);
    expect(ids.filter((id) => id === 2 || id === 4)).toHaveLength(1);
  });

  it("prefers, among equally similar candidates, the one published closer in time", () => {
    const base = {
      title: "Flooding closes schools in Wuhan",
      body: "Heavy rain flooded streets in Wuhan and Hankou; the city closed schools.",
    };
    const index = createRelatedIndex({ duplicateThreshold: 2 });
    index.add({ id: "q", ...base, publishedAt: "2025-07-01" });
    index.add({ id: "near", ...base, publishedAt: "2025-07-02" });
    index.add({ id: "far", ...base, publishedAt: "2024-07-02" });
    for (const d of distractors) index.add(d);
    expect(index.topK("q", 2).map((h) => h.id)).toEqual(["near", "far"]);
  });

  it("prefers, among equally similar undated candidates, the one naming the same weekday", () => {
    const story = (day: string) => ({
      title: "Magnitude 4.4 quake shakes Sonoma County",
      body: `The earthquake struck near The Geysers on ${day} morning, the survey said.`,
    });
    const index = createRelatedIndex({ duplicateThreshold: 2 });
    index.add({ id: "q", ...story("Sunday") });
    index.add({ id: "other-day", ...story("Thursday") });
    index.add({ id: "same-day", ...story("Sunday") });
    for (const d of distractors) index.add(d);
    const [first, second] = index.topK("q", 2);
    expect(first?.id).toBe("same-day");
    expect(second?.id).toBe("other-day");
    expect(first?.score ?? 0).toBeGreaterThan(second?.score ?? 0);
  });

  it("lets a same-day article worded apart into the pool through the date source", () => {
    // Three look-alikes share more words with the query but are months away; the report of
    // the same shooting a day later shares one place name. An undated one never gets in.
    const query: RelatedDoc = {
      id: "q",
      title: "Three shot outside Dayton bar",
      body: "Police said three men were shot outside a bar on Wayne Avenue in Dayton late Friday.",
      publishedAt: "2016-05-06",
    };
    const lookalikes: RelatedDoc[] = ["2016-01-10", "2016-02-14", "2016-03-20"].map((d, i) => ({
      id: `l${i}`,
      title: "Three shot outside bar",
      body: `Police said three men were shot outside a bar late Friday, case ${i + 40}.`,
      publishedAt: d,
    }));
    const sameDay: RelatedDoc = {
      id: "s",
      title: "Wayne Avenue victims named",
      body: "The coroner named the victims of the weekend gunfire near a tavern.",
      publishedAt: "2016-05-07",
    };
    const undated: RelatedDoc = { ...sameDay, id: "u", publishedAt: undefined };
    const pool = (datePool: number) => {
      const index = createRelatedIndex({ poolSize: 3, datePool, dateScale: 2 });
      for (const d of [...distractors, query, ...lookalikes, sameDay, undated]) index.add(d);
      return index.explain("q").ids;
    };
    expect(pool(0)).not.toContain("s");
    expect(pool(1)).toContain("s");
    expect(pool(1)).not.toContain("u");
    expect(pool(1)).toHaveLength(4);
  });

  it("builds the same lists with rebuild() as with one add() at a time", () => {
    const docs = [...distractors, trumpKim1, trumpKim2];
    const a = createRelatedIndex();
    a.rebuild(docs);
    expect(a.size).toBe(6);
    expect(a.topK(1, 1)[0]?.id).toBe(2);
    a.rebuild(docs.slice(0, 4));
    expect(a.size).toBe(4);
    expect(a.topK(1, 1)).toEqual([]);
  });

  it("rebuilds alike whether the articles fit its two-pass batch or spill past it", () => {
    const docs = [
      ...distractors,
      trumpKim1,
      trumpKim2,
      { ...trumpKim1, id: 1, title: trumpKim1.title },
    ];
    for (const rebuildBatch of [2, 20_000]) {
      const index = createRelatedIndex({ rebuildBatch });
      index.rebuild(docs);
      expect(index.size).toBe(6);
      expect(index.topK(1, 1)[0]?.id).toBe(2);
      expect(index.topK(2, 1)[0]?.id).toBe(1);
    }
  });

  it("handles empty articles and Chinese-only articles", () => {
    const index = indexWith(
      { id: "empty", title: "", body: "" },
      { id: "zh1", title: "台风韦帕登陆广东珠海", body: "珠海和澳门出现强降雨，航班取消。" },
      { id: "zh2", title: "韦帕台风致珠海澳门停课", body: "台风韦帕带来暴雨，珠海学校停课。" },
    );
    expect(index.topK("empty", 5)).toEqual([]);
    expect(index.topK("zh1", 1)[0]?.id).toBe("zh2");
    for (const id of [1, 10, 11, "zh1", "zh2"]) {
      expect(index.topK(id, 5).map((h) => h.id)).not.toContain("empty");
    }
  });
});
