import { describe, expect, it } from "vitest";
import { toRelatedDoc } from "./labeled-corpus.js";

describe("labeled corpus lines", () => {
  const line = {
    id: 7,
    cluster_id: "5_ecbplus",
    title: null,
    text: "Posted: May 24, 2005\nBilly King pushed out Jim O'Brien.\nCheeks was the popular pick.",
  };

  it("takes the date from a bare dateline but the lead from the first real paragraph", () => {
    const doc = toRelatedDoc(line);
    expect(doc).toMatchObject({ id: "7", publishedAt: "2005-05-24" });
    expect(doc.lead).toBe("Billy King pushed out Jim O'Brien.");
    expect(doc.body).toBe("Posted: May 24, 2005\n\nCheeks was the popular pick.");
  });

  it("keeps only the dateline as body text in the headline-and-lead variant", () => {
    const doc = toRelatedDoc(line, { leadOnly: true });
    expect(doc.lead).toBe("Billy King pushed out Jim O'Brien.");
    expect(doc.body).toBe("Posted: May 24, 2005");
    expect(toRelatedDoc(line, { noDates: true }).publishedAt).toBeUndefined();
  });

  it("drops a first paragraph that repeats the title", () => {
    const doc = toRelatedDoc({
      id: "a",
      cluster_id: 1,
      title: "Quake hits",
      text: "Quake hits\nIt hit.",
    });
    expect(doc.lead).toBe("It hit.");
    expect(doc.body).toBe("");
  });
});
