import { imaging } from "../imaging.js";
import { CARD_HEIGHT, CARD_WIDTH } from "../media-urls.js";
import { cardFonts } from "./card-fonts.js";
import { type CardContent, cardLayout } from "./card-layout.js";

/**
 * Draws a card to PNG in-process: satori lays the text out and turns it into paths with
 * the repository's fonts, then sharp rasterises the SVG (no system font is ever used).
 */
export async function renderCardPng(content: CardContent): Promise<Buffer> {
  const { satori, sharp } = await imaging();
  const svg = await satori(cardLayout(content), {
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    fonts: cardFonts(),
  });
  // Palette PNG: a flat-colour card is a fraction of the size with no visible change.
  return sharp(Buffer.from(svg)).png({ palette: true, quality: 90, effort: 7 }).toBuffer();
}
