import { describe, expect, it } from "vitest";
import { BODY_HTML_VERSION, readBodyHtml, renderBodyHtml, storedBodyHtml } from "./body-html.js";
import { renderMarkdown } from "./markdown.js";

const body = {
  lead: "A *lead* with [a link](https://example.com) and <script>alert(1)</script>.",
  sections: [{ body: "First **section**." }, { body: "- one\n- two" }],
};

describe("stored body HTML", () => {
  it("is what the page would render from the Markdown", () => {
    const read = readBodyHtml(storedBodyHtml(body), body);
    expect(read).toEqual({
      lead: renderMarkdown(body.lead),
      sections: body.sections.map((s) => renderMarkdown(s.body)),
    });
    expect(read?.lead).not.toContain("<script");
    expect(renderBodyHtml({ lead: "", sections: [] })).toEqual({ lead: "", sections: [] });
  });

  it("is ignored when it was made from other Markdown, by another renderer, or is unreadable", () => {
    const stored = storedBodyHtml(body);
    const edited = (change: Partial<typeof body>) => readBodyHtml(stored, { ...body, ...change });
    expect(edited({ lead: "Another lead." })).toBeUndefined();
    expect(edited({ sections: [{ body: "First **section**." }, { body: "- one\n- three" }] })).toBe(
      undefined,
    );
    expect(edited({ sections: [{ body: "First **section**." }] })).toBeUndefined();
    // Moving text between the lead and a section is a different body.
    expect(
      readBodyHtml(storedBodyHtml({ lead: "ab", sections: [{ body: "" }] }), {
        lead: "a",
        sections: [{ body: "b" }],
      }),
    ).toBeUndefined();
    const older = JSON.stringify({ ...JSON.parse(stored), v: BODY_HTML_VERSION - 1 });
    expect(readBodyHtml(older, body)).toBeUndefined();
    expect(readBodyHtml("", body)).toBeUndefined();
    expect(readBodyHtml("{not json", body)).toBeUndefined();
    expect(readBodyHtml(JSON.stringify({ ...JSON.parse(stored), sections: [1, 2] }), body)).toBe(
      undefined,
    );
  });
});
