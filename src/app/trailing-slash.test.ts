import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSiteHarness, type SiteHarness } from "../../test/support/site-harness.js";
import { TEST_DIALECTS } from "../../test/support/test-database.js";

describe.each(TEST_DIALECTS)("trailing slashes on %s", (dialect) => {
  let site: SiteHarness;
  beforeEach(async () => {
    site = await createSiteHarness(dialect, "2025-08-28T12:00:00Z");
  });
  afterEach(async () => {
    await site.destroy();
  });

  it("redirects a path ending in a slash to the path without it, keeping the query", async () => {
    const response = await site.request("/category/society/?page=2");
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe("/category/society?page=2");
    const twice = await site.request("/feed.xml//");
    expect(twice.headers.get("location")).toBe("/feed.xml");
  });

  it("keeps the home page and never redirects to another host", async () => {
    expect((await site.request("/")).status).toBe(200);
    const hostile = await site.request("//evil.example/");
    expect(hostile.status).toBe(301);
    expect(hostile.headers.get("location")).toBe("/evil.example");
  });

  it("leaves form posts alone", async () => {
    const post = await site.request("/admin/login/", { method: "POST" });
    expect(post.status).not.toBe(301);
  });
});
