import { JSDOM } from "jsdom";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSiteHarness, type SiteHarness } from "../../test/support/site-harness.js";
import { TEST_DIALECTS } from "../../test/support/test-database.js";
import { createRelatedService } from "./related-service.js";
import { loadRelatedList } from "./related-store.js";

const quake = (n: 1 | 2) =>
  n === 1
    ? {
        slug: "quake-1",
        headline: "Magnitude 6.1 earthquake shakes Dingri county in Tibet",
        lead: "An earthquake struck Dingri county near Shigatse in Tibet on Tuesday morning; rescuers from Lhasa reached the villages by noon.",
        tags: ["Earthquake", "Tibet"],
        published_at: "2025-08-21T09:00:00+08:00",
      }
    : {
        slug: "quake-2",
        headline: "Dingri survivors describe the night after the Tibet earthquake",
        lead: "Families in Dingri slept in tents outside Shigatse as aftershocks continued and army trucks brought water from Lhasa.",
        tags: ["Earthquake"],
        published_at: "2025-08-22T09:00:00+08:00",
      };

const others = [
  {
    slug: "mooncakes",
    headline: "Mooncake gift boxes get cheaper as shoppers bake at home",
    lead: "Bakeries in Suzhou report record sales of moulds and lotus paste.",
    tags: ["Food"],
  },
  {
    slug: "football",
    headline: "Shandong Taishan win the cup final in Jinan",
    lead: "A late goal settled the final before forty thousand fans.",
    category: "Sports",
    tags: ["Football"],
  },
  {
    slug: "rebar",
    headline: "Thin rebar found at a housing site in Changsha, Hunan",
    lead: "Inspectors in Changsha halted work after tests showed slimmed-down steel.",
    tags: ["Construction"],
  },
];

describe.each(TEST_DIALECTS)("related lists kept current on %s", (dialect) => {
  let site: SiteHarness;
  beforeEach(async () => {
    site = await createSiteHarness(dialect, "2025-08-29T12:00:00Z");
  });
  afterEach(async () => {
    await site.destroy();
  });

  const relatedSlugs = async (slug: string) => {
    const doc = new JSDOM(await (await site.request(`/news/${slug}`)).text()).window.document;
    return [...doc.querySelectorAll(".related h3 a")].map((a) => a.getAttribute("href"));
  };

  it("publishing a story on the same event links both ways; unpublishing removes it", async () => {
    const [firstId] = await site.publish(quake(1), ...others);
    const service = createRelatedService(site.database);
    site.clock.set("2025-08-29T12:01:00Z");
    const built = await service.refresh(site.clock.now());
    expect(built.rebuilt).toBe(true);

    site.clock.set("2025-08-29T12:05:00Z");
    const [secondId] = await site.publish(quake(2));
    const step = await service.refresh(site.clock.now());
    expect(step.rebuilt).toBe(false);
    expect(step.changed).toBe(1);
    expect((await loadRelatedList(site.database.db, firstId ?? 0))[0]?.id).toBe(secondId);
    expect((await loadRelatedList(site.database.db, secondId ?? 0))[0]?.id).toBe(firstId);
    expect((await relatedSlugs("quake-1"))[0]).toBe("/news/quake-2");

    site.clock.set("2025-08-29T12:10:00Z");
    await site.publish({ ...quake(2), status: "unpublished" });
    await service.refresh(site.clock.now());
    expect((await loadRelatedList(site.database.db, firstId ?? 0)).map((r) => r.id)).not.toContain(
      secondId,
    );
    expect(await loadRelatedList(site.database.db, secondId ?? 0)).toEqual([]);
    expect(await relatedSlugs("quake-1")).not.toContain("/news/quake-2");
  });

  it("a second process catches up with changes it did not make", async () => {
    await site.publish(quake(1), ...others);
    const worker = createRelatedService(site.database);
    const editor = createRelatedService(site.database);
    await worker.rebuildAll(site.clock.now());
    await editor.refresh(site.clock.now());
    site.clock.set("2025-08-29T12:05:00Z");
    const [secondId] = await site.publish(quake(2));
    await editor.refresh(site.clock.now());
    site.clock.set("2025-08-29T12:06:00Z");
    await site.publish({ ...quake(2), status: "unpublished" });
    await worker.refresh(site.clock.now());
    const lists = await site.database.db
      .selectFrom("article_related")
      .select("article_id")
      .where("related_id", "=", secondId ?? 0)
      .execute();
    expect(lists).toEqual([]);
  });
});
