import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./env.js";

describe("loadConfig", () => {
  it("has defaults that start the embedded newsroom", () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBe("sqlite:./data/resou.db");
    expect(config.ROLES).toEqual(["web", "worker", "scheduler"]);
    expect(config.CATEGORIES).toContain("News & Politics");
  });

  it("lists every bad setting at once", () => {
    try {
      loadConfig({
        PORT: "http",
        DATABASE_URL: "mysql://x",
        ROLES: "web,cook",
        TIME_ZONE: "Mars/Base",
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join("\n");
      for (const key of ["PORT", "DATABASE_URL", "ROLES", "TIME_ZONE"])
        expect(problems).toContain(key);
    }
  });

  it("trims a trailing slash from the site URL", () => {
    expect(loadConfig({ SITE_URL: "https://resou.example/" }).SITE_URL).toBe(
      "https://resou.example",
    );
  });
});
