import type { Kysely } from "kysely";
import type { Tables } from "../db/schema.js";
import { CARD_HEIGHT, CARD_WIDTH, mediaUrls } from "./media-urls.js";
import { type ArticlePicture, loadPictures, type VariantFormat } from "./picture-store.js";
import type { PictureView } from "./picture-view.js";
import { articleCardSubjects, type CardSubject } from "./share-card/card-subject.js";

const MIME: Record<VariantFormat, string> = {
  avif: "image/avif",
  webp: "image/webp",
  jpeg: "image/jpeg",
};

// The fallback `src` for browsers without srcset: a mid-size JPEG, not the largest.
const FALLBACK_WIDTH = 800;

/** An uploaded picture as the page draws it: AVIF, then WebP, then JPEG candidates. */
export function uploadedPictureView(picture: ArticlePicture): PictureView {
  const sources = (["avif", "webp", "jpeg"] as const)
    .map((format) => {
      const variants = picture.variants
        .filter((v) => v.format === format)
        .sort((a, b) => a.width - b.width);
      return {
        type: MIME[format],
        srcset: variants.map((v) => `${mediaUrls.object(v.key)} ${v.width}w`).join(", "),
      };
    })
    .filter((s) => s.srcset !== "");
  const jpegs = picture.variants
    .filter((v) => v.format === "jpeg")
    .sort((a, b) => a.width - b.width);
  const fallback = jpegs.filter((v) => v.width <= FALLBACK_WIDTH).at(-1) ?? jpegs[0];
  return {
    alt: picture.alt,
    width: picture.width,
    height: picture.height,
    src: fallback ? mediaUrls.object(fallback.key) : "",
    sources,
    ...(picture.caption ? { caption: picture.caption } : {}),
    ...(picture.credit ? { credit: picture.credit } : {}),
  };
}

/** The generated share card as a picture: one PNG at 1200×630. */
export function cardPictureView(subject: CardSubject): PictureView {
  const tag = subject.hashtagZh ? ` and the hashtag ${subject.hashtagZh}` : "";
  const curve = subject.topicId !== null ? ", with its rank on Weibo's hot search list" : "";
  return {
    alt: `Card with the headline “${subject.headline}”${tag}${curve}`,
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    src:
      subject.kind === "article"
        ? mediaUrls.articleCard(subject.id, subject.version)
        : mediaUrls.topicCard(subject.id, subject.version),
    sources: [],
    isCard: true,
  };
}

/**
 * Each article's picture: its uploaded lead image, or failing that its share card.
 * Articles that do not exist are absent from the map.
 */
export async function loadArticlePictures(
  db: Kysely<Tables>,
  articleIds: number[],
): Promise<Map<number, PictureView>> {
  const pictures = await loadPictures(db, articleIds);
  const missing = articleIds.filter((id) => !pictures.has(id));
  const cards = await articleCardSubjects(db, missing);
  const views = new Map<number, PictureView>();
  for (const id of articleIds) {
    const picture = pictures.get(id);
    const card = cards.get(id);
    if (picture) views.set(id, uploadedPictureView(picture));
    else if (card) views.set(id, cardPictureView(card));
  }
  return views;
}
