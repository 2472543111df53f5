/**
 * Remakes src/media/fonts/*.woff (see its README). Needs the source fonts, which the
 * project does not install:
 *   npm install --no-save @expo-google-fonts/noto-sans-sc@0.4.3 subset-font@2.9.0
 *   node scripts/subset-card-fonts.mjs
 */

import { readFileSync, writeFileSync } from "node:fs";
import subsetFont from "subset-font";

// GB2312: every character of the national standard set (6763 hanzi + symbols)
const dec = new TextDecoder("gb18030");
let cjk = "";
for (let hi = 0xa1; hi <= 0xf7; hi++)
  for (let lo = 0xa1; lo <= 0xfe; lo++) {
    const s = dec.decode(new Uint8Array([hi, lo]));
    if (s !== "\ufffd" && s.length === 1) cjk += s;
  }
let latin = "";
for (let c = 0x20; c <= 0x7e; c++) latin += String.fromCharCode(c);
for (let c = 0xa0; c <= 0x17f; c++) latin += String.fromCharCode(c);
latin += "‘’“”–—…•·×→↑↓#";
for (let c = 0x3000; c <= 0x303f; c++) cjk += String.fromCharCode(c);
for (let c = 0xff01; c <= 0xff5e; c++) cjk += String.fromCharCode(c);
console.log("chars", cjk.length, latin.length);
const fmt = "woff";
for (const [w, f] of [
  ["700Bold", "NotoSansSC_700Bold.ttf"],
  ["400Regular", "NotoSansSC_400Regular.ttf"],
]) {
  const src = readFileSync(`node_modules/@expo-google-fonts/noto-sans-sc/${w}/${f}`);
  const text = w === "700Bold" ? cjk + latin : latin;
  const out = await subsetFont(src, text, { targetFormat: fmt });
  writeFileSync(
    `src/media/fonts/${w === "700Bold" ? "NotoSansSC-Bold-gb2312" : "NotoSansSC-Regular-latin"}.${fmt}`,
    out,
  );
  console.log(w, src.length, out.length);
}
