import { describe, expect, it } from "vitest";
import { describeDate, officeHolderLines } from "./prompt-context.js";
import { fillTemplate, loadTemplate, parseTemplate } from "./prompt-template.js";

describe("prompt templates", () => {
  it("every stage template carries the date, zone and office-holder slots", () => {
    for (const id of ["translate.v1", "facts.v1", "outline.v1", "section.v1", "lead.v1"] as const) {
      const template = loadTemplate(id);
      for (const slot of ["current_date", "time_zone", "office_holders"]) {
        expect(template.slots.has(slot), `${id} lacks ${slot}`).toBe(true);
      }
      expect(template.system.length).toBeGreaterThan(50);
      expect(template.user.length).toBeGreaterThan(20);
    }
  });

  it("refuses a missing value and a value without a slot", () => {
    const template = parseTemplate(
      "x.v1",
      "Today is {{current_date}}.\n=== user ===\nTopic {{hashtag}}",
    );
    expect(fillTemplate(template, { current_date: "Monday", hashtag: "雨" })).toEqual({
      system: "Today is Monday.",
      user: "Topic 雨",
    });
    expect(() => fillTemplate(template, { current_date: "Monday" })).toThrow(
      /no value for hashtag/,
    );
    expect(() => fillTemplate(template, { current_date: "M", hashtag: "h", extra: "e" })).toThrow(
      /no slot for extra/,
    );
    expect(() => parseTemplate("y.v1", "no user part")).toThrow(/=== user ===/);
  });

  it("states the date in the newsroom's zone and lists only holders in office on it", () => {
    const at = new Date("2025-08-25T20:00:00Z");
    expect(describeDate(at, "Asia/Shanghai")).toBe("Tuesday, 26 August 2025 at 04:00 (2025-08-26)");
    const holders = [
      {
        person: "Donald Trump",
        office: "President",
        body: "United States",
        since: "2025-01-20",
        until: null,
      },
      {
        person: "Joe Biden",
        office: "President",
        body: "United States",
        since: "2021-01-20",
        until: "2025-01-20",
      },
    ];
    const lines = officeHolderLines(holders, at, "Asia/Shanghai");
    expect(lines).toContain("Donald Trump: President, United States, in office since 2025-01-20");
    expect(lines).not.toContain("Biden");
  });
});
