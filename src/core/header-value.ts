/**
 * A value that is safe in an HTTP header: printable ASCII only. Anything else (CR/LF, NUL,
 * DEL, non-Latin text) is percent-encoded as UTF-8, so a value derived from a request can
 * neither split the header nor make Node refuse the response with "Invalid character in
 * header content". Every header built from data goes through this one function.
 */
export function headerSafe(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  let out = "";
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x20 && code <= 0x7e && char !== "%") out += char;
    else if (code >= 0xd800 && code <= 0xdfff) out += "%EF%BF%BD";
    else
      out += Array.from(
        new TextEncoder().encode(char),
        (b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`,
      ).join("");
  }
  return out;
}

/** Every value of a header record made safe (see `headerSafe`). */
export function safeHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = headerSafe(value);
  return out;
}
