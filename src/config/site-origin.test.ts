import { describe, expect, it } from "vitest";
import { loadConfig } from "./env.js";
import { siteOrigin } from "./site-origin.js";

describe("SITE_URL from where the server listens", () => {
  it("defaults to localhost and PORT, or to a non-loopback HOST", () => {
    expect(loadConfig({ PORT: "3171" }).SITE_URL).toBe("http://localhost:3171");
    expect(loadConfig({}).SITE_URL).toBe("http://localhost:3000");
    expect(loadConfig({ HOST: "0.0.0.0", PORT: "80" }).SITE_URL).toBe("http://localhost:80");
    expect(loadConfig({ HOST: "10.0.0.5", PORT: "8080" }).SITE_URL).toBe("http://10.0.0.5:8080");
    expect(loadConfig({ HOST: "fd00::5", PORT: "8080" }).SITE_URL).toBe("http://[fd00::5]:8080");
  });

  it("follows the port picked at listen time when unset", () => {
    const config = loadConfig({ PORT: "0" });
    expect(siteOrigin(config, 41234)).toEqual({ siteUrl: "http://localhost:41234" });
  });

  it("keeps an explicit SITE_URL and warns when loopback cannot serve its origin", () => {
    const proxied = loadConfig({ PORT: "3171", SITE_URL: "https://news.example/" });
    const { siteUrl, warning } = siteOrigin(proxied, 3171);
    expect(siteUrl).toBe("https://news.example");
    expect(warning).toMatch(
      /SITE_URL is https:\/\/news\.example, but this server listens only on 127\.0\.0\.1:3171/,
    );
    const stale = loadConfig({ PORT: "3171", SITE_URL: "http://localhost:3000" });
    expect(siteOrigin(stale, 3171).warning).toMatch(/set it to http:\/\/localhost:3171/);
  });

  it("says nothing when SITE_URL is this server or the server is reachable from outside", () => {
    const same = loadConfig({ PORT: "3171", SITE_URL: "http://127.0.0.1:3171" });
    expect(siteOrigin(same, 3171)).toEqual({ siteUrl: "http://127.0.0.1:3171" });
    const open = loadConfig({ HOST: "0.0.0.0", PORT: "80", SITE_URL: "https://news.example" });
    expect(siteOrigin(open, 80)).toEqual({ siteUrl: "https://news.example" });
  });
});
