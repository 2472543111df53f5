import { raw } from "hono/html";
import type { Child, FC } from "hono/jsx";
import { renderToString } from "../../web/page-response.js";
import { urls } from "../../web/urls.js";
import {
  editionName,
  issueSummary,
  issueTitle,
  noteParagraphs,
  periodWord,
  topicFacts,
  topicHeading,
} from "../digest-format.js";
import type { Digest, DigestTopic } from "../digest-model.js";
import type { EmailLinks } from "./email-links.js";
import { RankSparkTable } from "./rank-spark-table.js";

/*
 * Inline CSS on every element (Gmail and Outlook drop most <style> rules), layout in
 * tables, a 600 px column that shrinks on phones. Dark mode: `color-scheme` meta tags and
 * a `prefers-color-scheme` block for clients that honour them (Apple Mail, iOS, Outlook.com,
 * Thunderbird); colours elsewhere are mid-tones that stay legible when Gmail or Outlook
 * invert the message on their own.
 */
const TEXT = "#1f1f1f";
const MUTED = "#5c5c5c";
const ACCENT = "#b3261e";
const PAPER = "#ffffff";
const PAGE = "#f3f1ee";
const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";

const DARK_CSS = `
:root { color-scheme: light dark; supported-color-schemes: light dark; }
@media (prefers-color-scheme: dark) {
  .page { background-color: #121212 !important; }
  .paper { background-color: #1e1e1e !important; }
  .text, .text a { color: #ececec !important; }
  .muted { color: #b5b5b5 !important; }
  .accent { color: #ff8a80 !important; }
}
@media (max-width: 620px) { .paper { width: 100% !important; } }
`;

/** A layout table: no borders, padding or spacing of its own, hidden from screen readers. */
const Grid: FC<{
  width: string;
  class?: string;
  bgcolor?: string;
  style?: string;
  children?: Child;
}> = (p) => (
  <table
    role="presentation"
    width={p.width}
    cellpadding="0"
    cellspacing="0"
    border={0}
    class={p.class}
    bgcolor={p.bgcolor}
    style={p.style}
  >
    {p.children}
  </table>
);

/** One row of the column with the body font and the given padding, colour and extra CSS. */
const Row: FC<{ class: "text" | "muted" | "accent"; style: string; children?: Child }> = (p) => (
  <tr>
    <td class={p.class} style={`${p.style}${FONT}`}>
      {p.children}
    </td>
  </tr>
);

const SectionHeading: FC<{ title: string }> = ({ title }) => (
  <Row
    class="accent"
    style={`padding:20px 0 4px 0;color:${ACCENT};font-size:13px;font-weight:bold;letter-spacing:0.05em;text-transform:uppercase;`}
  >
    {title}
  </Row>
);

const Muted: FC<{ lang?: string; children?: Child }> = (p) => (
  <div class="muted" lang={p.lang} style={`color:${MUTED};font-size:13px;`}>
    {p.children}
  </div>
);

/** A topic or a story: its linked title in bold, then muted lines and anything else. */
const Item: FC<{ href: string; title: string; children?: Child }> = (p) => (
  <Row class="text" style={`padding:8px 0;border-top:1px solid #e4e1dc;color:${TEXT};`}>
    <a
      href={p.href}
      style={`color:${TEXT};font-weight:bold;font-size:16px;text-decoration:underline;`}
    >
      {p.title}
    </a>
    {p.children}
  </Row>
);

const Section: FC<{ title: string; topics: DigestTopic[]; digest: Digest; siteUrl: string }> = (
  p,
) =>
  p.topics.length === 0 ? null : (
    <>
      <SectionHeading title={p.title} />
      {p.topics.map((topic) => (
        <Item href={`${p.siteUrl}${urls.topic(topic.topicId)}`} title={topicHeading(topic)}>
          {topic.titleEn ? (
            <Muted lang="zh-CN">
              {topic.word}
              {topic.titleEnMachine ? " · machine-translated title" : ""}
            </Muted>
          ) : null}
          <Muted>{topicFacts(topic, p.digest.window.timeZone)}</Muted>
          <RankSparkTable
            points={topic.points}
            label={`Rank through the ${periodWord(p.digest.window)}, peak ${topic.peakRank}`}
          />
        </Item>
      ))}
    </>
  );

const Email: FC<{ digest: Digest; siteName: string; siteUrl: string; links: EmailLinks }> = ({
  digest,
  siteName,
  siteUrl,
  links,
}) => {
  const sections = [
    ["Top of the list", digest.topByPeak],
    ["Longest on the list", digest.topByTime],
    ["Fastest risers", digest.risers],
    ["New 爆 (explosive)", digest.booms],
  ] as const;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <title>{`${siteName} ${editionName(digest.window).toLowerCase()}: ${issueTitle(digest.window)}`}</title>
        <style>{raw(DARK_CSS)}</style>
      </head>
      <body class="page" style={`margin:0;padding:0;background-color:${PAGE};`}>
        <div style="display:none;max-height:0;overflow:hidden;">{issueSummary(digest)}</div>
        <Grid width="100%" class="page" bgcolor={PAGE} style={`background-color:${PAGE};`}>
          <tr>
            <td align="center" style="padding:16px 8px;">
              <Grid
                width="600"
                class="paper"
                bgcolor={PAPER}
                style={`width:600px;max-width:600px;background-color:${PAPER};`}
              >
                <tr>
                  <td style="padding:20px 24px;">
                    <Grid width="100%">
                      <Row class="text" style={`color:${TEXT};`}>
                        <div
                          class="accent"
                          style={`color:${ACCENT};font-weight:bold;font-size:14px;`}
                        >
                          {siteName} · {editionName(digest.window)}
                        </div>
                        <h1
                          style={`margin:4px 0 0 0;font-size:24px;line-height:1.25;color:${TEXT};`}
                        >
                          {issueTitle(digest.window)}
                        </h1>
                        <div style="font-size:13px;padding-top:4px;">
                          <a href={links.web} style={`color:${ACCENT};`}>
                            Read it on the web
                          </a>
                        </div>
                      </Row>
                      {digest.note.trim() ? (
                        <Row
                          class="text"
                          style={`padding:16px 0 0 0;color:${TEXT};font-size:16px;line-height:1.5;`}
                        >
                          {noteParagraphs(digest.note).map((p) => (
                            <p style="margin:0 0 12px 0;">{p}</p>
                          ))}
                        </Row>
                      ) : null}
                      {sections.map(([title, topics]) => (
                        <Section title={title} topics={topics} digest={digest} siteUrl={siteUrl} />
                      ))}
                      <SectionHeading title="What we published" />
                      {digest.articles.length === 0 ? (
                        <Row class="muted" style={`color:${MUTED};font-size:14px;`}>
                          No stories this {periodWord(digest.window)}.
                        </Row>
                      ) : (
                        digest.articles.map((a) => (
                          <Item href={`${siteUrl}${urls.article(a.slug)}`} title={a.headline}>
                            <Muted>
                              {a.categoryName}
                              {a.dek ? ` · ${a.dek}` : ""}
                            </Muted>
                          </Item>
                        ))
                      )}
                      <Row
                        class="muted"
                        style={`padding:24px 0 0 0;color:${MUTED};font-size:12px;line-height:1.5;`}
                      >
                        Every number comes from the {digest.snapshotCount} hot-search captures we
                        stored; adverts and pinned rows are left out. Times are{" "}
                        {digest.window.timeZone}.
                        <br />
                        You receive this because you subscribed at {siteUrl}.{" "}
                        <a href={links.preferences} style={`color:${MUTED};`}>
                          Preferences
                        </a>{" "}
                        ·{" "}
                        <a href={links.unsubscribe} style={`color:${MUTED};`}>
                          Unsubscribe
                        </a>
                      </Row>
                    </Grid>
                  </td>
                </tr>
              </Grid>
            </td>
          </tr>
        </Grid>
      </body>
    </html>
  );
};

export async function digestEmailHtml(
  digest: Digest,
  site: { siteName: string; siteUrl: string },
  links: EmailLinks,
): Promise<string> {
  const body = await renderToString(
    <Email digest={digest} siteName={site.siteName} siteUrl={site.siteUrl} links={links} />,
  );
  return body;
}
