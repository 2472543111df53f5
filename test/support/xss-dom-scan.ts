/**
 * The DOM check run inside every page and frame the XSS probe loads (passed to
 * `frame.evaluate`, so it must be self-contained: no imports, no closures). It lists every
 * sign that hostile text became markup: an inline event handler, a script-bearing URL in a
 * URL attribute, or an element of a kind that runs or loads something which is not one the
 * app itself renders. The allow rules describe exactly what our templates emit.
 */
export function scanDocument(): string[] {
  const problems: string[] = [];
  const URL_ATTRIBUTES = new Set([
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "srcset",
    "ping",
    "cite",
    "lowsrc",
    "dynsrc",
    "codebase",
    "values",
    "to",
    "from",
    "by",
  ]);
  // What a browser would still treat as a scheme after dropping the characters it ignores.
  const scriptUrl = (value: string) => {
    const squeezed = value
      // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers skip these in a scheme
      .replace(/[\u0000-\u0020\u007f-\u00a0\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g, "")
      .toLowerCase();
    return (
      /(^|[;,\s])(javascript|vbscript|livescript):/.test(squeezed) ||
      (/^data:/.test(squeezed) && !/^data:image\/(png|gif|jpeg|webp);/.test(squeezed))
    );
  };
  const describe = (el: Element) => el.outerHTML.slice(0, 160);
  const ours = (el: Element): boolean => {
    const tag = el.tagName.toLowerCase();
    const parent = el.parentElement?.tagName.toLowerCase();
    switch (tag) {
      case "script": {
        const src = el.getAttribute("src");
        if (src !== null) {
          return /^\/(admin\/)?assets\/[\w.-]+\.js$/.test(src) && (el.textContent ?? "") === "";
        }
        if (el.getAttribute("type") !== "application/ld+json" || el.attributes.length !== 1)
          return false;
        try {
          JSON.parse(el.textContent ?? "");
          return true;
        } catch {
          return false;
        }
      }
      case "style":
        return parent === "head" && el.attributes.length === 0;
      case "link":
        return (
          ["canonical", "prev", "next", "stylesheet", "icon", "alternate"].includes(
            el.getAttribute("rel") ?? "",
          ) && parent === "head"
        );
      case "meta":
        return parent === "head" && !el.hasAttribute("http-equiv");
      case "form": {
        const action = el.getAttribute("action") ?? "";
        const method = (el.getAttribute("method") ?? "").toLowerCase();
        return /^\/(search|admin(\/[\w/-]*)?)$/.test(action) && ["get", "post"].includes(method);
      }
      case "svg":
        // The newsroom's sparkline and the trend pages' charts: drawing elements only.
        return (
          ["spark", "trend-sparkline", "trend-chart"].includes(el.getAttribute("class") ?? "") &&
          Array.from(el.querySelectorAll("*")).every((child) =>
            ["title", "desc", "rect", "line", "text", "path", "circle", "polyline"].includes(
              child.tagName.toLowerCase(),
            ),
          )
        );
      case "polyline":
        return el.parentElement?.getAttribute("class") === "spark";
      case "iframe":
        return (
          el.hasAttribute("data-preview-frame") &&
          el.getAttribute("sandbox") === "allow-same-origin" &&
          !el.hasAttribute("src")
        );
      default:
        return false;
    }
  };
  const WATCHED = new Set([
    "script",
    "style",
    "link",
    "meta",
    "base",
    "form",
    "svg",
    "math",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "portal",
    "template",
    "noscript",
    "polyline",
    "foreignobject",
    "animate",
    "set",
    "use",
    "image",
    "isindex",
    "xmp",
    "plaintext",
    "marquee",
  ]);
  for (const el of Array.from(document.querySelectorAll("*"))) {
    const tag = el.tagName.toLowerCase();
    if (WATCHED.has(tag) && !ours(el)) problems.push(`foreign <${tag}>: ${describe(el)}`);
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) problems.push(`handler ${name}: ${describe(el)}`);
      if (name === "srcdoc" && !ours(el)) problems.push(`srcdoc: ${describe(el)}`);
      if ((URL_ATTRIBUTES.has(name) || name.endsWith(":href")) && scriptUrl(attr.value)) {
        problems.push(`script URL in ${name}: ${describe(el)}`);
      }
      if (name === "style" && /expression\s*\(|javascript:|behavior\s*:/i.test(attr.value)) {
        problems.push(`script in style: ${describe(el)}`);
      }
    }
  }
  return problems;
}

/**
 * `scanDocument` as a script for `evaluate`. tsx and Vitest compile with esbuild's keepNames,
 * which wraps named functions in a `__name` helper that exists in Node, not in the page; the
 * wrapper supplies a no-op one so the same source runs in both.
 */
export const SCAN_SCRIPT = `(() => { const __name = (f) => f; return (${scanDocument.toString()})(); })()`;
