import type { FC } from "hono/jsx";
import { rankHeight, samplePoints } from "../digest-format.js";
import type { RankPoint } from "../digest-model.js";

const BAR = "#c8553d";
const CHART_HEIGHT = 24;

/**
 * The rank chart for email: a one-row table of bars, one cell per capture (sampled to 24),
 * each bar a coloured cell whose height is the rank (taller is higher on the list).
 * Why not SVG or a picture: Gmail and Outlook drop inline SVG; a PNG would be a remote
 * image (blocked until the reader allows images, and a tracking pixel by another name) or
 * a `data:` URI (Gmail drops those) or a CID attachment (shown as an attachment by some
 * clients) and needs a raster renderer we do not ship. Table cells with `bgcolor` render in
 * every client, Outlook's Word engine included, and a mid-tone red stays readable when a
 * client inverts colours for dark mode. The same shape is in the text part as ▁▂▃ blocks.
 */
export const RankSparkTable: FC<{ points: RankPoint[]; label: string }> = ({ points, label }) => {
  const bars = samplePoints(points, 24);
  return (
    <table
      role="img"
      aria-label={label}
      cellpadding="0"
      cellspacing="0"
      border={0}
      style="border-collapse:collapse;margin:4px 0 0 0;"
    >
      <tr>
        {bars.map((p) => {
          const h = Math.max(2, Math.round(rankHeight(p.rank) * CHART_HEIGHT));
          return (
            <td
              valign="bottom"
              height={String(CHART_HEIGHT)}
              width="5"
              style={`width:5px;height:${CHART_HEIGHT}px;padding:0 1px 0 0;vertical-align:bottom;`}
            >
              <table cellpadding="0" cellspacing="0" border={0} role="presentation">
                <tr>
                  <td
                    bgcolor={BAR}
                    height={String(h)}
                    width="4"
                    style={`width:4px;height:${h}px;background-color:${BAR};font-size:0;line-height:0;`}
                  >
                    &nbsp;
                  </td>
                </tr>
              </table>
            </td>
          );
        })}
      </tr>
    </table>
  );
};
