import { loadPipelineSettings } from "../newsroom/settings.js";
import { type FeedItem, parseFeed } from "./feed-parse.js";
import { baseLanguage, extractPage, guessLanguage } from "./page-extract.js";
import { FEED_TYPES, type FetchPolicy, fetchPolicy, PAGE_TYPES, safeFetch } from "./safe-fetch.js";
import { attachSource, listStorySources, recordProblem, storeSource } from "./source-store.js";
import type { ResearchDeps, SourceDraft, SourceProblem, StoredSource } from "./source-types.js";
import { matchItem, topicTerms } from "./topic-terms.js";
import { latestTopicFacts, loadWeiboTopic, weiboTopicSource } from "./weibo-topic-source.js";

/** Feed items kept per story, best matches first, and per feed. */
const MAX_FEED_ITEMS = 8;
const MAX_PER_FEED = 3;
/** Pasted links fetched per story. */
export const MAX_PASTED = 20;
/** Concurrent fetches of one gathering run. */
const PARALLEL = 4;

export interface GatherRequest {
  articleId: number;
  topicId: number | null;
  pastedUrls: string[];
}

async function inBatches<T, R>(items: T[], size: number, run: (item: T) => Promise<R>) {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  }
  return out;
}

/** The link without its fragment: `#comments` is the same page. */
export function canonicalUrl(raw: string): string | null {
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    url.hash = "";
    return url.href;
  } catch {
    return null;
  }
}

/** Fetches a page and reduces it to a source draft, or says why not. */
export async function fetchPageSource(
  url: string,
  kind: "link" | "feed_item",
  policy: FetchPolicy,
  fallback?: { outlet: string; language: string; item: FeedItem },
): Promise<SourceDraft | SourceProblem> {
  const answer = await safeFetch(url, PAGE_TYPES, policy);
  if (!answer.ok) return { url, reason: `${answer.reason}: ${answer.detail}` };
  const page = extractPage(answer.body, answer.url);
  const text = page.text || fallback?.item.text || "";
  if (text.trim().length < 20)
    return { url, reason: "no_text: the page has no readable article text" };
  return {
    url,
    outlet: fallback?.outlet || page.outlet,
    language: page.language || fallback?.language || guessLanguage(text),
    title: page.title || fallback?.item.title || url,
    publishedAt: page.publishedAt ?? fallback?.item.publishedAt ?? null,
    text,
    kind,
  };
}

interface Candidate {
  item: FeedItem;
  outlet: string;
  language: string;
  score: number;
}

async function feedCandidates(
  feeds: string[],
  terms: ReturnType<typeof topicTerms>,
  policy: FetchPolicy,
  problems: SourceProblem[],
): Promise<Candidate[]> {
  const perFeed = await inBatches(feeds, PARALLEL, async (feedUrl) => {
    const answer = await safeFetch(feedUrl, FEED_TYPES, policy);
    if (!answer.ok) {
      problems.push({ url: feedUrl, reason: `${answer.reason}: ${answer.detail}` });
      return [];
    }
    const feed = parseFeed(answer.body, answer.url);
    if (!feed) {
      problems.push({ url: feedUrl, reason: "not_a_feed: neither RSS 2.0 nor Atom" });
      return [];
    }
    const outlet = feed.title || new URL(answer.url).hostname;
    const language = baseLanguage(feed.language);
    return feed.items
      .map((item) => ({ item, outlet, language, match: matchItem(terms, item) }))
      .filter((c) => c.match.accepted)
      .sort((a, b) => b.match.score - a.match.score)
      .slice(0, MAX_PER_FEED)
      .map((c) => ({ item: c.item, outlet, language, score: c.match.score }));
  });
  const seen = new Set<string>();
  return perFeed
    .flat()
    .sort((a, b) => b.score - a.score)
    .filter((c) => {
      const key = canonicalUrl(c.item.url);
      if (!key || seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, MAX_FEED_ITEMS);
}

/** Pasted links of the story, stored ones first, in the order they were added. */
async function pastedLinks(deps: ResearchDeps, request: GatherRequest): Promise<string[]> {
  const db = deps.database.db;
  const now = deps.clock.now().toISOString();
  for (const raw of request.pastedUrls) {
    const url = canonicalUrl(raw);
    if (!url) continue;
    await db
      .insertInto("story_pasted_link")
      .values({ article_id: request.articleId, url, added_at: now, added_by: null })
      .onConflict((oc) => oc.columns(["article_id", "url"]).doNothing())
      .execute();
  }
  const rows = await db
    .selectFrom("story_pasted_link")
    .select("url")
    .where("article_id", "=", request.articleId)
    .orderBy("added_at")
    .orderBy("url")
    .execute();
  return rows.map((r) => r.url).slice(0, MAX_PASTED);
}

/**
 * Builds a story's source bundle: the Weibo topic itself, the editor's pasted links, then
 * items of the configured feeds that match the topic (each fetched and reduced to text).
 * Idempotent: a source already in the bundle (by URL) keeps its place and version, an
 * unchanged page reuses its stored row, so running it twice adds nothing. A fetch that fails
 * is recorded on the story as a problem and stores no row.
 */
export async function gatherSources(
  deps: ResearchDeps,
  request: GatherRequest,
): Promise<{ sources: StoredSource[]; problems: SourceProblem[] }> {
  const db = deps.database.db;
  const policy = fetchPolicy(deps.config);
  const problems: SourceProblem[] = [];
  const present = new Set((await listStorySources(db, request.articleId)).map((s) => s.url));
  const keep = async (draft: SourceDraft, via: "weibo" | "feed" | "pasted") => {
    if (present.has(draft.url)) return;
    const now = deps.clock.now();
    const stored = await storeSource(db, draft, now);
    await attachSource(db, request.articleId, stored.id, via, now);
    present.add(draft.url);
  };

  const topic = request.topicId === null ? undefined : await loadWeiboTopic(db, request.topicId);
  if (request.topicId !== null && !topic)
    problems.push({ url: `topic:${request.topicId}`, reason: "not_found: no such trending topic" });
  if (topic) await keep(await weiboTopicSource(db, topic), "weibo");

  const links = (await pastedLinks(deps, request)).filter((u) => !present.has(u));
  const fetched = await inBatches(links, PARALLEL, (url) => fetchPageSource(url, "link", policy));
  for (const result of fetched) {
    if ("reason" in result) problems.push(result);
    else await keep(result, "pasted");
  }
  for (const raw of request.pastedUrls) {
    if (!canonicalUrl(raw))
      problems.push({ url: raw.slice(0, 200), reason: "bad_url: not an http(s) link" });
  }

  if (topic) {
    const settings = await loadPipelineSettings(db);
    const facts = await latestTopicFacts(db, topic);
    const terms = topicTerms({
      word: topic.word,
      titleEn: topic.titleEn,
      ...(facts?.facts.lead ? { lead: facts.facts.lead } : {}),
    });
    const candidates = (
      await feedCandidates(settings["research.feeds"], terms, policy, problems)
    ).filter((c) => !present.has(canonicalUrl(c.item.url) ?? ""));
    const pages = await inBatches(candidates, PARALLEL, async (c) => {
      const url = canonicalUrl(c.item.url) ?? c.item.url;
      const page = await fetchPageSource(url, "feed_item", policy, c);
      if (!("reason" in page)) return page;
      // The feed's own text still documents the item when its page cannot be read.
      problems.push(page);
      if (c.item.text.trim().length < 20) return null;
      return {
        url,
        outlet: c.outlet,
        language: c.language || guessLanguage(`${c.item.title} ${c.item.text}`),
        title: c.item.title,
        publishedAt: c.item.publishedAt,
        text: c.item.text,
        kind: "feed_item" as const,
      };
    });
    for (const page of pages) if (page) await keep(page, "feed");
  }

  for (const problem of problems) {
    await recordProblem(db, request.articleId, problem, deps.clock.now());
  }
  return { sources: await listStorySources(db, request.articleId), problems };
}
