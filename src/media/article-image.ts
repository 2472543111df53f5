import type { Kysely } from "kysely";
import type { Tables } from "../db/schema.js";
import { uploadedPictureView } from "./article-pictures.js";
import { CARD_HEIGHT, CARD_WIDTH, mediaUrls } from "./media-urls.js";
import { loadPictures } from "./picture-store.js";
import type { PictureView } from "./picture-view.js";
import { articleCardSubjects } from "./share-card/card-subject.js";

/** The image shared with a link (og:image, twitter:image, JSON-LD): a path and its size. */
export interface ShareImage {
  url: string;
  width: number;
  height: number;
  alt: string;
}

export interface ArticleImage {
  /** The uploaded lead picture to draw on the page, if any. */
  lead?: PictureView;
  /** What previews show: the upload's largest JPEG (≤1200 wide), else the share card. */
  share?: ShareImage;
  /** When the lead picture was last set, for the page's Last-Modified. */
  uploadedAt?: string;
}

// Social networks fetch one image; a 1200-wide JPEG is what they all take.
const SHARE_WIDTH = 1200;

/**
 * The images of one article page. An article imported with its own image URL keeps that
 * image for previews (no share card), as it always had.
 */
export async function articleImage(
  db: Kysely<Tables>,
  article: { id: number; imageUrl: string },
): Promise<ArticleImage> {
  const picture = (await loadPictures(db, [article.id])).get(article.id);
  if (picture) {
    const jpegs = picture.variants
      .filter((v) => v.format === "jpeg")
      .sort((a, b) => a.width - b.width);
    const best = jpegs.filter((v) => v.width <= SHARE_WIDTH).at(-1) ?? jpegs[0];
    return {
      lead: uploadedPictureView(picture),
      uploadedAt: picture.uploadedAt,
      ...(best
        ? {
            share: {
              url: mediaUrls.object(best.key),
              width: best.width,
              height: best.height,
              alt: picture.alt,
            },
          }
        : {}),
    };
  }
  if (article.imageUrl) return {};
  const card = (await articleCardSubjects(db, [article.id])).get(article.id);
  if (!card) return {};
  return {
    share: {
      url: mediaUrls.articleCard(card.id, card.version),
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      alt: `${card.headline}${card.hashtagZh ? ` (${card.hashtagZh})` : ""}`,
    },
  };
}
