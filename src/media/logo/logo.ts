import { imaging } from "../imaging.js";
import { CARD_FONT, cardFonts } from "../share-card/card-fonts.js";
import type { CardNode } from "../share-card/card-layout.js";

const RED = "#b3261e";

export interface LogoFiles {
  /** Wordmark as paths (no font needed to show it), 600×60 view box. */
  svg: string;
  /** Publisher logo for Article rich results: 600×60, text under 48 px tall. */
  wide: Buffer;
  /** Square organization logo, 512×512 (Google asks for at least 112×112). */
  square: Buffer;
  /** The mark alone (the red 热 square) for the page header, 64×64 view box. */
  mark: string;
}

const box = (
  style: Record<string, string | number>,
  children?: CardNode["props"]["children"],
): CardNode => ({
  type: "div",
  props: { style: { display: "flex", ...style }, children },
});

function wordmark(siteName: string): CardNode {
  return box({ width: 600, height: 60, alignItems: "center", fontFamily: CARD_FONT }, [
    box(
      {
        width: 48,
        height: 48,
        marginLeft: 6,
        borderRadius: 9,
        backgroundColor: RED,
        color: "#fff",
        fontSize: 32,
        fontWeight: 700,
        alignItems: "center",
        justifyContent: "center",
      },
      "热",
    ),
    box({ marginLeft: 14, fontSize: 38, fontWeight: 700, color: RED }, siteName),
    box({ marginLeft: 10, fontSize: 30, fontWeight: 700, color: "#555" }, "热搜"),
  ]);
}

function headerMark(): CardNode {
  return box(
    {
      width: 64,
      height: 64,
      borderRadius: 12,
      backgroundColor: RED,
      color: "#fff",
      fontFamily: CARD_FONT,
      fontSize: 44,
      fontWeight: 700,
      alignItems: "center",
      justifyContent: "center",
    },
    "热",
  );
}

function squareMark(siteName: string): CardNode {
  return box(
    {
      width: 512,
      height: 512,
      flexDirection: "column",
      alignItems: "center",
      justifyContent: "center",
      backgroundColor: RED,
      color: "#fff",
      fontFamily: CARD_FONT,
      fontWeight: 700,
    },
    [box({ fontSize: 300, lineHeight: 1 }, "热"), box({ fontSize: 64, marginTop: 12 }, siteName)],
  );
}

let made: { name: string; files: Promise<LogoFiles> } | undefined;

/** The site's logo in every size, drawn once per site name from the repository's fonts. */
export function siteLogo(siteName: string): Promise<LogoFiles> {
  if (made?.name !== siteName) {
    const files = (async () => {
      const { satori, sharp } = await imaging();
      const fonts = cardFonts();
      const svg = await satori(wordmark(siteName), { width: 600, height: 60, fonts });
      const squareSvg = await satori(squareMark(siteName), { width: 512, height: 512, fonts });
      return {
        svg,
        mark: await satori(headerMark(), { width: 64, height: 64, fonts }),
        // The PNG sits on white: Google shows publisher logos on a white background.
        wide: await sharp(Buffer.from(svg)).flatten({ background: "#ffffff" }).png().toBuffer(),
        square: await sharp(Buffer.from(squareSvg)).png().toBuffer(),
      };
    })();
    made = { name: siteName, files };
    files.catch(() => {
      if (made?.files === files) made = undefined;
    });
  }
  return made.files;
}
