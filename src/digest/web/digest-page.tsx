import type { FC } from "hono/jsx";
import { Layout } from "../../web/layout.js";
import type { SiteContext } from "../../web/site-context.js";
import { editionName, issuePath, issueSummary, issueTitle } from "../digest-format.js";
import type { Digest } from "../digest-model.js";
import { DigestSections } from "./digest-sections.js";
import { SignupForm } from "./signup-form.js";

const FEEDS = { title: "Resou daily digest", base: "/digest" };

/** The web version of one issue, at its own URL. */
export const DigestPage: FC<{
  site: SiteContext;
  digest: Digest;
  signup: boolean;
  previous?: string | undefined;
  next?: string | undefined;
}> = ({ site, digest, signup, previous, next }) => {
  const title = `${editionName(digest.window)}: ${issueTitle(digest.window)}`;
  return (
    <Layout
      site={site}
      meta={{
        title,
        description: issueSummary(digest),
        path: issuePath(digest.window),
        feeds: FEEDS,
        ...(previous ? { prev: previous } : {}),
        ...(next ? { next } : {}),
      }}
    >
      <article class="article">
        <p class="kicker">
          <a href="/digest">{editionName(digest.window)}</a>
        </p>
        <h1>{issueTitle(digest.window)}</h1>
        <p class="dek">What topped Weibo's hot search and what we wrote.</p>
        <DigestSections digest={digest} />
      </article>
      <nav class="pagination" aria-label="Issues">
        {previous ? (
          <a href={previous} rel="prev">
            Earlier issue
          </a>
        ) : null}{" "}
        {next ? (
          <a href={next} rel="next">
            Later issue
          </a>
        ) : null}
      </nav>
      {signup ? <SignupForm /> : null}
    </Layout>
  );
};

export const DigestIndexPage: FC<{
  site: SiteContext;
  issues: { path: string; title: string }[];
  signup: boolean;
}> = ({ site, issues, signup }) => (
  <Layout
    site={site}
    meta={{
      title: "Daily digest",
      description: "Every morning: what trended on Weibo yesterday and the stories we published.",
      path: "/digest",
      feeds: FEEDS,
    }}
  >
    <h1 class="page-title">Daily digest</h1>
    <p>
      Every morning: what topped Weibo's hot search the day before, what rose fastest, what stayed
      longest, and the stories we published. Follow it by <a href="/digest/feed.xml">RSS</a>
      {signup ? " or by email" : ""}.
    </p>
    {signup ? <SignupForm /> : null}
    <h2 class="section-title">Issues</h2>
    {issues.length === 0 ? (
      <p>No issue has been published yet.</p>
    ) : (
      <ul class="story-list">
        {issues.map((i) => (
          <li>
            <a href={i.path}>{i.title}</a>
          </li>
        ))}
      </ul>
    )}
  </Layout>
);
