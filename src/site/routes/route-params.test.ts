import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSiteHarness, type SiteHarness } from "../../../test/support/site-harness.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";

/** Issue 12, finding 4: path parameters that are not slugs get a plain 404, nothing echoed. */
const HOSTILE = ["中文", "%F0%9F%98%80", "%7F", "%00", "a%0D%0ASet-Cookie:x=1", "%C3%28", "%FF"];
const PATTERNS = [
  "/news/X",
  "/category/X",
  "/category/X/feed.xml",
  "/tag/X",
  "/byline/X",
  "/sitemaps/X",
  "/trends/topic/X",
];

describe.each(TEST_DIALECTS)("hostile path parameters on %s", (dialect) => {
  let site: SiteHarness;
  beforeAll(async () => {
    site = await createSiteHarness(dialect);
    await site.publish({ slug: "real-story" });
  });
  afterAll(async () => {
    await site.destroy();
  });

  for (const pattern of PATTERNS) {
    it(`answers 404 for ${pattern} with CJK, emoji, control characters and bad UTF-8`, async () => {
      for (const value of HOSTILE) {
        const path = pattern.replace("X", value);
        const response = await site.request(path);
        const body = await response.text();
        expect(`${path} ${response.status}`).toBe(`${path} 404`);
        for (const [name, header] of response.headers) {
          expect(`${name}: ${header}`).toMatch(/^[\x20-\x7e]*$/);
        }
        expect(response.headers.get("set-cookie")).toBeNull();
        expect(body).not.toContain("\u0000");
        expect(body).not.toContain("\u007f");
        expect(body).not.toContain("\r\nSet-Cookie");
      }
    });
  }

  it("answers 404 for ids beyond the database's integer range", async () => {
    for (const path of [
      "/trends/topic/99999999999999",
      "/admin/stories/99999999999999",
      "/api/v1/stories/99999999999999",
      "/admin/users/2147483648",
    ]) {
      expect(`${path} ${(await site.request(path)).status}`).toBe(`${path} 404`);
    }
  });

  it("still serves the real article", async () => {
    expect((await site.request("/news/real-story")).status).toBe(200);
  });
});
