import type { Kysely } from "kysely";
import type { Tables } from "../../db/schema.js";
import { CardCache } from "./card-cache.js";
import { type CardContent, CURVE_HEIGHT, CURVE_WIDTH } from "./card-layout.js";
import { renderCardPng } from "./card-render.js";
import { articleCardSubjects, type CardSubject, topicCardSubject } from "./card-subject.js";
import { cardTrend, durationText } from "./card-trend.js";
import { rankCurveSvg } from "./rank-curve.js";

export interface CardSite {
  siteName: string;
  tagline: string;
}

export type CardLookup =
  | { kind: "card"; png: Buffer; version: string }
  /** The version asked for is not the current one: send the reader to this one. */
  | { kind: "moved"; version: string }
  | { kind: "missing" };

// Latin text is drawn with the Latin font; curly quotes would take the CJK font's
// full-width forms, so they become straight ones on the card.
const straightQuotes = (text: string) => text.replace(/[“”]/g, '"').replace(/[‘’]/g, "'");

async function contentOf(
  db: Kysely<Tables>,
  subject: CardSubject,
  site: CardSite,
): Promise<CardContent> {
  const facts = subject.topicId === null ? null : await cardTrend(db, subject.topicId);
  const curveSvg = facts ? rankCurveSvg(facts.points, CURVE_WIDTH, CURVE_HEIGHT) : null;
  const curveLabel =
    facts && curveSvg
      ? `Best rank No. ${facts.peakRank ?? "—"} on Weibo's hot search · ${durationText(facts.secondsOnList)} on the list`
      : site.tagline;
  return {
    siteName: site.siteName,
    headline: straightQuotes(subject.headline),
    hashtagZh: subject.hashtagZh,
    hashtagEn: straightQuotes(subject.hashtagEn),
    curveLabel,
    curveSvg,
  };
}

/** Share cards for public articles and hot-search topics, rendered once per version. */
export class ShareCards {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly site: CardSite,
    private readonly cache = new CardCache(),
  ) {}

  /** The card of a published article (`isPublic` decides), at the version asked for. */
  async article(id: number, version: string, isPublic: boolean): Promise<CardLookup> {
    if (!isPublic) return { kind: "missing" };
    const subject = (await articleCardSubjects(this.db, [id])).get(id);
    return subject ? this.lookup(subject, version) : { kind: "missing" };
  }

  async topic(id: number, version: string): Promise<CardLookup> {
    const subject = await topicCardSubject(this.db, id);
    return subject ? this.lookup(subject, version) : { kind: "missing" };
  }

  private async lookup(subject: CardSubject, version: string): Promise<CardLookup> {
    if (subject.version !== version) return { kind: "moved", version: subject.version };
    const key = `${subject.kind}:${subject.id}:${subject.version}`;
    const png = await this.cache.get(key, async () =>
      renderCardPng(await contentOf(this.db, subject, this.site)),
    );
    return { kind: "card", png, version: subject.version };
  }
}
