/** One `<source>` of a `<picture>`: a type and its width-described candidates. */
export interface PictureSource {
  type: string;
  srcset: string;
}

/**
 * Everything a page needs to draw a picture without layout shift: intrinsic size, a
 * fallback `src`, and typed sources for the browser to choose from. `isCard` marks a
 * generated share card (headline on an image), which article pages do not repeat.
 */
export interface PictureView {
  alt: string;
  width: number;
  height: number;
  src: string;
  sources: PictureSource[];
  caption?: string;
  credit?: string;
  isCard?: boolean;
}
