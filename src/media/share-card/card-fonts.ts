import { readFileSync } from "node:fs";
import type { SatoriOptions } from "satori";

export const CARD_FONT = "Noto Sans SC";

let loaded: SatoriOptions["fonts"] | undefined;

/**
 * The card's fonts, read from the repository once (never fetched). Satori caches parsed
 * fonts per array, so the same array is handed to every render. Bold carries every
 * GB2312 character for hashtags; regular carries Latin only (see fonts/README.md).
 */
export function cardFonts(): SatoriOptions["fonts"] {
  loaded ??= [
    {
      name: CARD_FONT,
      data: readFileSync(new URL("../fonts/NotoSansSC-Bold-gb2312.woff", import.meta.url)),
      weight: 700,
      style: "normal",
    },
    {
      name: CARD_FONT,
      data: readFileSync(new URL("../fonts/NotoSansSC-Regular-latin.woff", import.meta.url)),
      weight: 400,
      style: "normal",
    },
  ];
  return loaded;
}
