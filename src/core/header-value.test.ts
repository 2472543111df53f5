import { describe, expect, it } from "vitest";
import { headerSafe } from "./header-value.js";

describe("headerSafe", () => {
  it("keeps printable ASCII and encodes everything else as UTF-8 percent escapes", () => {
    expect(headerSafe("article:12,home")).toBe("article:12,home");
    expect(headerSafe("slug:\u007f")).toBe("slug:%7F");
    expect(headerSafe("a\r\nSet-Cookie: x")).toBe("a%0D%0ASet-Cookie: x");
    expect(headerSafe("slug:中")).toBe("slug:%E4%B8%AD");
    expect(headerSafe("\u0000\ud800")).toBe("%00%EF%BF%BD");
    expect(() => new Headers({ "Cache-Tag": headerSafe("x\u007f中\n") })).not.toThrow();
  });
});
