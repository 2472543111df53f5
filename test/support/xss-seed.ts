/**
 * Puts every XSS vector into every stored field that reaches a page, a feed or the newsroom,
 * through the same commands the newsroom uses (validation included): per vector, a category,
 * a newsroom user, a story (headline, dek, lead, sections, tags, byline, hashtags, sources)
 * saved twice (so the revision diff shows it), published and corrected, and a trending topic.
 * A vector a field's rule rejects is counted, not forced in: refusing it is a safe outcome.
 */
import type { Kysely } from "kysely";
import { openErrorFlags } from "../../src/checks/flag-store.js";
import { ensureCategories } from "../../src/content/categories.js";
import type { Tables } from "../../src/db/schema.js";
import { type AuditContext, systemContext } from "../../src/newsroom/audit-log.js";
import { overrideCheckFlag } from "../../src/newsroom/commands/check-commands.js";
import { correctArticle, publishArticle } from "../../src/newsroom/commands/publish-commands.js";
import { createStory, saveStory } from "../../src/newsroom/commands/story-commands.js";
import { createUser } from "../../src/newsroom/commands/user-commands.js";
import { newsroomDeps } from "../../src/newsroom/newsroom-deps.js";
import { type StoryContent, storyContent } from "../../src/newsroom/story-content.js";
import type { SiteDeps } from "../../src/web/site-deps.js";
import type { XssVector } from "./xss-vectors.js";

export const XSS_ADMIN_EMAIL = "xss-admin@resou.example";
export const XSS_PASSWORD = "correct horse battery staple";
/** A word every hostile story carries, so one search lists them all. */
export const XSS_MARKER = "resouxss";

export interface SeededVector {
  vector: XssVector;
  articleId: number;
  slug: string;
  /** The headline as stored: the vector itself unless the headline rule refused it. */
  headline: string;
  categorySlug: string;
  tagSlug: string;
  bylineSlug: string;
  topicId: number;
}

export interface XssSeed {
  seeded: SeededVector[];
  /** `field: vector n` for each value a validation rule refused. */
  refused: string[];
}

// The plain-text fields' rule refuses these; such a vector is counted as refused instead.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** A field value carrying the vector, or undefined when the field's length rule cannot hold it. */
function withVector(prefix: string, text: string, max: number): string | undefined {
  const value = `${prefix}${text}`.trim();
  return value.length <= max ? value : undefined;
}

export async function seedXss(
  deps: SiteDeps,
  vectors: XssVector[],
  passwordCost: number,
): Promise<XssSeed> {
  const db = deps.database.db;
  const refused: string[] = [];
  const now = deps.clock.now();
  const admin = await createUser(
    db,
    { email: XSS_ADMIN_EMAIL, displayName: "XSS admin", role: "admin", password: XSS_PASSWORD },
    systemContext,
    now,
    passwordCost,
  );
  const categories = vectors.map((v) => {
    const name = withVector(`Desk ${v.n} `, v.text, 80);
    return name === undefined || CONTROL.test(name) ? `Desk ${v.n}` : name;
  });
  await ensureCategories(db, categories);
  const topicIds = await seedTopics(db, vectors, now);
  const seeded: SeededVector[] = [];
  for (const [i, vector] of vectors.entries()) {
    const v = vector.text;
    const category = categories[i] ?? "";
    if (category === `Desk ${vector.n}`) refused.push(`category: vector ${vector.n}`);
    await db.updateTable("category").set({ description: v }).where("name", "=", category).execute();
    const user = await createUser(
      db,
      {
        email: `xss${vector.n}@resou.example`,
        displayName: withVector("", v, 80) ?? `User ${vector.n}`,
        role: "writer",
        password: XSS_PASSWORD,
      },
      systemContext,
      now,
      passwordCost,
    );
    // The address itself, where the email rule lets a hostile local part through.
    await createUser(
      db,
      { email: `${v}@resou.example`, displayName: "x", role: "writer", password: XSS_PASSWORD },
      systemContext,
      now,
      passwordCost,
    ).catch(() => refused.push(`email: vector ${vector.n}`));
    const actor: AuditContext = {
      actorId: user.id,
      actorLabel: withVector("", v, 80) ?? `User ${vector.n}`,
      ip: "127.0.0.1",
      userAgent: v,
    };
    const ctx = { deps: newsroomDeps(deps), audit: actor };
    const content = storyOf(vector, category, refused);
    const story = await createStory(ctx, content, { topicId: topicIds[i] });
    await saveStory(ctx, story.articleId, 1, { ...content, dek: `${content.dek} (edited)` });
    // Hostile text is rarely a sourced claim: an editor overrides its error flags (the reason
    // carries the vector too, into the audit log and the checks panel), then publishes.
    const editor = { ...ctx, audit: { ...actor, actorId: admin.id } };
    for (const flag of await openErrorFlags(db, story.articleId)) {
      const reason = `Override for XSS probe: ${v}`.slice(0, 500);
      await overrideCheckFlag(editor, story.articleId, flag.id, reason);
    }
    await publishArticle(editor, story.articleId);
    await correctArticle(ctx, story.articleId, `Correction ${vector.n}: ${v}`);
    await db
      .updateTable("article")
      .set({
        image_url: `${deps.config.SITE_URL}/favicon.svg`,
        image_alt: withVector("", v, 300) ?? "",
      })
      .where("id", "=", story.articleId)
      .execute();
    const row = await db
      .selectFrom("article")
      .innerJoin("category", "category.id", "article.category_id")
      .innerJoin("author", "author.id", "article.author_id")
      .select([
        "article.slug as slug",
        "category.slug as categorySlug",
        "author.slug as bylineSlug",
      ])
      .where("article.id", "=", story.articleId)
      .executeTakeFirstOrThrow();
    const tag = await db
      .selectFrom("article_tag")
      .innerJoin("tag", "tag.id", "article_tag.tag_id")
      .select("tag.slug")
      .where("article_tag.article_id", "=", story.articleId)
      .orderBy("tag.slug")
      .executeTakeFirst();
    seeded.push({
      vector,
      articleId: story.articleId,
      slug: row.slug,
      headline: content.headline,
      categorySlug: row.categorySlug,
      tagSlug: tag?.slug ?? "",
      bylineSlug: row.bylineSlug,
      topicId: topicIds[i] ?? 0,
    });
  }
  return { seeded, refused };
}

/** The vector in every story field that can hold it; the Markdown fields also as link targets. */
function storyOf(vector: XssVector, category: string, refused: string[]): StoryContent {
  const v = vector.text;
  const n = vector.n;
  const pick = (field: string, value: string | undefined, fallback: string) => {
    if (value !== undefined && !CONTROL.test(value)) return value;
    refused.push(`${field}: vector ${n}`);
    return fallback;
  };
  const url = `https://example.com/${n}/${v}`;
  const sources = [
    {
      url: `https://example.com/src/${n}?q=${encodeURIComponent(v)}`,
      title: withVector("", v, 300) ?? "",
    },
  ];
  if (URL.canParse(url)) sources.push({ url, title: `Source ${n}` });
  const candidate = {
    headline: pick("headline", withVector("", v.replace(/\s+/g, " "), 200), `Headline ${n}`),
    dek: pick("dek", withVector("", v.replace(/\s+/g, " "), 380), `Dek ${n}`),
    lead: `${v}\n\n[link ${n}](${v}) ![image ${n}](${v}) <${v}> ${XSS_MARKER}`,
    sections: [
      {
        heading: pick(
          "section heading",
          withVector("", v.replace(/\s+/g, " "), 200),
          `Heading ${n}`,
        ),
        body: `${v}\n\nBody of ${n}: ${v} [more](${v}) ${XSS_MARKER}`,
      },
    ],
    category,
    tags: [pick("tag", withVector(`t${n} `, v.replace(/\s+/g, " "), 60), `t${n}`)],
    hashtag: pick("hashtag", withVector("", v.replace(/\s+/g, " "), 100), `hashtag ${n}`),
    hashtagEn: pick("hashtag_en", withVector("", v.replace(/\s+/g, " "), 200), `hashtag en ${n}`),
    byline: pick("byline", withVector(`b${n} `, v.replace(/\s+/g, " "), 80), `Byline ${n}`),
    sources,
  };
  return storyContent.parse(candidate);
}

async function seedTopics(db: Kysely<Tables>, vectors: XssVector[], now: Date): Promise<number[]> {
  const times = [30, 20, 10].map((m) => new Date(now.getTime() - m * 60_000).toISOString());
  const snapshots: number[] = [];
  for (const [i, at] of times.entries()) {
    const row = await db
      .insertInto("trend_snapshot")
      .values({
        source: "m-weibo-cn",
        kind: "list",
        captured_at: at,
        stored_at: at,
        payload_hash: `xss-${i}`,
        payload_gzip: "",
        content_type: "application/json",
        ranked_count: vectors.length,
        pinned_count: 0,
        ad_count: 0,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    snapshots.push(row.id);
  }
  const ids: number[] = [];
  for (const [rank0, vector] of vectors.entries()) {
    const v = vector.text;
    const rank = rank0 + 1;
    const topic = await db
      .insertInto("trend_topic")
      .values({
        word: `${v} ${vector.n}`,
        query: `#${v} ${vector.n}#`,
        is_hashtag: 1,
        title_en: v,
        first_seen_at: times[0] ?? "",
        last_seen_at: times[2] ?? "",
        run_started_at: times[0] ?? "",
        seconds_on_list: 1200,
        snapshot_count: 3,
        peak_rank: rank,
        peak_heat: 1_000_000,
        last_rank: rank,
        previous_rank: rank + 1,
        last_heat: 900_000,
        last_label: v.slice(0, 20),
        state: "rising",
        updated_at: times[2] ?? "",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.push(topic.id);
    for (const [i, snapshot] of snapshots.entries()) {
      await db
        .insertInto("trend_point")
        .values({
          snapshot_id: snapshot,
          topic_id: topic.id,
          captured_at: times[i] ?? "",
          rank,
          heat: 800_000 + i * 50_000,
          heat_category: v.slice(0, 20),
          label: v.slice(0, 20),
          is_commercial: 0,
        })
        .execute();
    }
  }
  return ids;
}
