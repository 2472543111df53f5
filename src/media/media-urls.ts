/** Paths of everything the media routes serve, in one place so pages and routes agree. */
export const mediaUrls = {
  /** A stored object (upload variant) by key; the key is content-addressed. */
  object: (key: string) => `/media/${key}`,
  articleCard: (articleId: number, version: string) => `/cards/article/${articleId}-${version}.png`,
  topicCard: (topicId: number, version: string) => `/cards/topic/${topicId}-${version}.png`,
  logoSvg: "/logo.svg",
  /** The square mark alone, drawn in the page header. */
  logoMark: "/logo-mark.svg",
  /** Publisher logo for Article structured data: fits 600×60, exactly 60 high. */
  logoWide: "/logo-600x60.png",
  /** Square organization logo (at least 112×112). */
  logoSquare: "/logo-512.png",
};

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
