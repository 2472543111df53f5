import { describe, expect, it } from "vitest";
import { chooseEncoding } from "./accept-encoding.js";
import { etagMatches, isNotModified } from "./validators.js";

describe("chooseEncoding", () => {
  it.each([
    [undefined, "identity"],
    ["", "identity"],
    ["gzip", "gzip"],
    ["gzip, deflate, br", "br"],
    ["br;q=0.5, gzip", "gzip"],
    ["gzip;q=0, br;q=0", "identity"],
    ["*", "br"],
    ["*;q=0.1, br;q=0", "gzip"],
    ["identity", "identity"],
    ["x-gzip", "gzip"],
    ["GZIP;Q=0.8", "gzip"],
    ["br;q=nonsense, gzip;q=0.3", "gzip"],
    ["deflate", "identity"],
  ])("%s → %s", (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

describe("validators", () => {
  it("matches an ETag whichever encoding's variant the client holds", () => {
    expect(etagMatches('"abc-br"', '"abc"')).toBe(true);
    expect(etagMatches('W/"abc-gzip", "x"', '"abc-br"')).toBe(true);
    expect(etagMatches('"abd"', '"abc"')).toBe(false);
    expect(etagMatches("*", '"abc"')).toBe(true);
  });

  it("lets If-None-Match win over If-Modified-Since", () => {
    const modified = Date.parse("2025-08-27T12:00:00Z");
    const later = "Wed, 27 Aug 2025 13:00:00 GMT";
    expect(isNotModified(undefined, later, '"a"', modified)).toBe(true);
    expect(isNotModified('"b"', later, '"a"', modified)).toBe(false);
    expect(isNotModified(undefined, "Wed, 27 Aug 2025 11:59:59 GMT", '"a"', modified)).toBe(false);
    expect(isNotModified(undefined, later, '"a"', undefined)).toBe(false);
  });
});
