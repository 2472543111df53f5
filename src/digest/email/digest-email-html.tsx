import { raw } from "hono/html";
import type { FC } from "hono/jsx";
import { renderToString } from "../../web/page-response.js";
import { urls } from "../../web/urls.js";
import { issueSummary, issueTitle, topicFacts, topicHeading } from "../digest-format.js";
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

const Topic: FC<{ topic: DigestTopic; digest: Digest; siteUrl: string }> = (p) => (
  <tr>
    <td class="text" style={`padding:8px 0;border-top:1px solid #e4e1dc;color:${TEXT};${FONT}`}>
      <a
        href={`${p.siteUrl}${urls.topic(p.topic.topicId)}`}
        style={`color:${TEXT};font-weight:bold;font-size:16px;text-decoration:underline;`}
      >
        {topicHeading(p.topic)}
      </a>
      {p.topic.titleEn ? (
        <div class="muted" lang="zh-CN" style={`color:${MUTED};font-size:13px;`}>
          {p.topic.word}
          {p.topic.titleEnMachine ? " · machine-translated title" : ""}
        </div>
      ) : null}
      <div class="muted" style={`color:${MUTED};font-size:13px;`}>
        {topicFacts(p.topic, p.digest.window.timeZone)}
      </div>
      <RankSparkTable
        points={p.topic.points}
        label={`Rank through the day, peak ${p.topic.peakRank}`}
      />
    </td>
  </tr>
);

const Section: FC<{ title: string; topics: DigestTopic[]; digest: Digest; siteUrl: string }> = (
  p,
) =>
  p.topics.length === 0 ? null : (
    <>
      <tr>
        <td
          class="accent"
          style={`padding:20px 0 4px 0;color:${ACCENT};font-size:13px;font-weight:bold;letter-spacing:0.05em;text-transform:uppercase;${FONT}`}
        >
          {p.title}
        </td>
      </tr>
      {p.topics.map((t) => (
        <Topic topic={t} digest={p.digest} siteUrl={p.siteUrl} />
      ))}
    </>
  );

const Email: FC<{ digest: Digest; siteName: string; siteUrl: string; links: EmailLinks }> = ({
  digest,
  siteName,
  siteUrl,
  links,
}) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="color-scheme" content="light dark" />
      <meta name="supported-color-schemes" content="light dark" />
      <title>{`${siteName} daily digest: ${issueTitle(digest.window)}`}</title>
      <style>{raw(DARK_CSS)}</style>
    </head>
    <body class="page" style={`margin:0;padding:0;background-color:${PAGE};`}>
      <div style="display:none;max-height:0;overflow:hidden;">{issueSummary(digest)}</div>
      <table
        role="presentation"
        width="100%"
        cellpadding="0"
        cellspacing="0"
        border={0}
        class="page"
        bgcolor={PAGE}
        style={`background-color:${PAGE};`}
      >
        <tr>
          <td align="center" style="padding:16px 8px;">
            <table
              role="presentation"
              width="600"
              cellpadding="0"
              cellspacing="0"
              border={0}
              class="paper"
              bgcolor={PAPER}
              style={`width:600px;max-width:600px;background-color:${PAPER};`}
            >
              <tr>
                <td style="padding:20px 24px;">
                  <table
                    role="presentation"
                    width="100%"
                    cellpadding="0"
                    cellspacing="0"
                    border={0}
                  >
                    <tr>
                      <td class="text" style={`color:${TEXT};${FONT}`}>
                        <div
                          class="accent"
                          style={`color:${ACCENT};font-weight:bold;font-size:14px;`}
                        >
                          {siteName} · Daily digest
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
                      </td>
                    </tr>
                    {digest.note.trim() ? (
                      <tr>
                        <td
                          class="text"
                          style={`padding:16px 0 0 0;color:${TEXT};font-size:16px;line-height:1.5;${FONT}`}
                        >
                          {digest.note
                            .split(/\n\s*\n/)
                            .map((p) => p.trim())
                            .filter(Boolean)
                            .map((p) => (
                              <p style="margin:0 0 12px 0;">{p}</p>
                            ))}
                        </td>
                      </tr>
                    ) : null}
                    <Section
                      title="Top of the list"
                      topics={digest.topByPeak}
                      digest={digest}
                      siteUrl={siteUrl}
                    />
                    <Section
                      title="Longest on the list"
                      topics={digest.topByTime}
                      digest={digest}
                      siteUrl={siteUrl}
                    />
                    <Section
                      title="Fastest risers"
                      topics={digest.risers}
                      digest={digest}
                      siteUrl={siteUrl}
                    />
                    <Section
                      title="New 爆 (explosive)"
                      topics={digest.booms}
                      digest={digest}
                      siteUrl={siteUrl}
                    />
                    <tr>
                      <td
                        class="accent"
                        style={`padding:20px 0 4px 0;color:${ACCENT};font-size:13px;font-weight:bold;letter-spacing:0.05em;text-transform:uppercase;${FONT}`}
                      >
                        What we published
                      </td>
                    </tr>
                    {digest.articles.length === 0 ? (
                      <tr>
                        <td class="muted" style={`color:${MUTED};font-size:14px;${FONT}`}>
                          No stories this day.
                        </td>
                      </tr>
                    ) : (
                      digest.articles.map((a) => (
                        <tr>
                          <td
                            class="text"
                            style={`padding:8px 0;border-top:1px solid #e4e1dc;color:${TEXT};${FONT}`}
                          >
                            <a
                              href={`${siteUrl}${urls.article(a.slug)}`}
                              style={`color:${TEXT};font-weight:bold;font-size:16px;`}
                            >
                              {a.headline}
                            </a>
                            <div class="muted" style={`color:${MUTED};font-size:13px;`}>
                              {a.categoryName}
                              {a.dek ? ` · ${a.dek}` : ""}
                            </div>
                          </td>
                        </tr>
                      ))
                    )}
                    <tr>
                      <td
                        class="muted"
                        style={`padding:24px 0 0 0;color:${MUTED};font-size:12px;line-height:1.5;${FONT}`}
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
                      </td>
                    </tr>
                  </table>
                </td>
              </tr>
            </table>
          </td>
        </tr>
      </table>
    </body>
  </html>
);

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
