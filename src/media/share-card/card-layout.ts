import { CARD_HEIGHT, CARD_WIDTH } from "../media-urls.js";
import { CARD_FONT } from "./card-fonts.js";

/** Satori's element shape (what JSX would build), written out so no React is needed. */
export interface CardNode {
  type: string;
  props: {
    style?: Record<string, string | number>;
    children?: CardChild | CardChild[];
    src?: string;
    width?: number;
    height?: number;
  };
}
type CardChild = string | CardNode | null;

const node = (
  type: string,
  style: Record<string, string | number>,
  children?: CardChild | CardChild[],
): CardNode => ({ type, props: { style, children } });

export interface CardContent {
  siteName: string;
  headline: string;
  hashtagZh: string;
  hashtagEn: string;
  /** Text over the curve, e.g. "Best rank No. 3 on Weibo's hot search". */
  curveLabel: string;
  /** SVG of the rank curve; null draws no chart. */
  curveSvg: string | null;
}

export const CURVE_WIDTH = 1080;
export const CURVE_HEIGHT = 150;
const RED = "#b3261e";

/** Cut to `max` characters at a word boundary, with an ellipsis, so three lines hold it. */
function clip(text: string, max: number): string {
  const chars = [...text.trim()];
  if (chars.length <= max) return text.trim();
  const cut = chars.slice(0, max).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, "")}…`;
}

/** The card: brand bar, headline, hashtag in Chinese and English, rank curve. */
export function cardLayout(content: CardContent): CardNode {
  const headlineSize = [...content.headline].length > 80 ? 50 : 58;
  return node(
    "div",
    {
      display: "flex",
      flexDirection: "column",
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      backgroundColor: "#fbf8f4",
      fontFamily: CARD_FONT,
      color: "#161616",
    },
    [
      node("div", { display: "flex", height: 14, width: CARD_WIDTH, backgroundColor: RED }),
      node(
        "div",
        {
          display: "flex",
          flexDirection: "column",
          flexGrow: 1,
          padding: "34px 60px 30px 60px",
        },
        [
          node("div", { display: "flex", alignItems: "center", marginBottom: 22 }, [
            node(
              "div",
              {
                display: "flex",
                alignItems: "center",
                justifyContent: "center",
                width: 52,
                height: 52,
                borderRadius: 10,
                backgroundColor: RED,
                color: "#fff",
                fontSize: 34,
                fontWeight: 700,
              },
              "热",
            ),
            node(
              "div",
              { display: "flex", marginLeft: 16, fontSize: 34, fontWeight: 700, color: RED },
              content.siteName,
            ),
          ]),
          node(
            "div",
            {
              display: "flex",
              fontSize: headlineSize,
              fontWeight: 700,
              lineHeight: 1.15,
              maxWidth: CARD_WIDTH - 120,
            },
            clip(content.headline, 110),
          ),
          content.hashtagZh
            ? node(
                "div",
                { display: "flex", alignItems: "baseline", marginTop: 20, flexWrap: "wrap" },
                [
                  node(
                    "div",
                    { display: "flex", fontSize: 36, fontWeight: 700, color: RED, marginRight: 20 },
                    clip(content.hashtagZh, 32),
                  ),
                  content.hashtagEn
                    ? node(
                        "div",
                        { display: "flex", fontSize: 28, fontWeight: 400, color: "#4a4a4a" },
                        clip(content.hashtagEn, 70),
                      )
                    : null,
                ],
              )
            : null,
          node("div", { display: "flex", flexGrow: 1 }),
          content.curveSvg
            ? node("div", { display: "flex", flexDirection: "column" }, [
                node(
                  "div",
                  {
                    display: "flex",
                    fontSize: 22,
                    fontWeight: 400,
                    color: "#555",
                    marginBottom: 6,
                  },
                  content.curveLabel,
                ),
                {
                  type: "img",
                  props: {
                    src: `data:image/svg+xml;base64,${Buffer.from(content.curveSvg).toString("base64")}`,
                    width: CURVE_WIDTH,
                    height: CURVE_HEIGHT,
                  },
                },
              ])
            : node(
                "div",
                { display: "flex", fontSize: 24, fontWeight: 400, color: "#555" },
                content.curveLabel,
              ),
        ],
      ),
    ],
  );
}
