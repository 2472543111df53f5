import type { FC } from "hono/jsx";
import type { PictureView } from "../../media/picture-view.js";

export { loadArticlePictures } from "../../media/article-pictures.js";
export type { PictureView } from "../../media/picture-view.js";

/**
 * A responsive picture with its intrinsic size set (no layout shift). `eager` is for the
 * one image above the fold (the lead): fetched at once with high priority; every other
 * picture loads lazily. Caption and credit, when present, make it a `<figure>`.
 */
export const Picture: FC<{
  picture: PictureView;
  sizes: string;
  eager?: boolean;
  className?: string;
}> = ({ picture, sizes, eager, className }) => {
  const img = (
    <picture>
      {picture.sources.map((s) => (
        <source type={s.type} srcset={s.srcset} sizes={sizes} />
      ))}
      <img
        src={picture.src}
        alt={picture.alt}
        width={picture.width}
        height={picture.height}
        loading={eager ? "eager" : "lazy"}
        fetchpriority={eager ? "high" : "auto"}
        decoding={eager ? "sync" : "async"}
      />
    </picture>
  );
  if (!picture.caption && !picture.credit)
    return <div class={["picture", className].filter(Boolean).join(" ")}>{img}</div>;
  return (
    <figure class={["picture", className].filter(Boolean).join(" ")}>
      {img}
      <figcaption>
        {picture.caption ? <span class="caption">{picture.caption}</span> : null}
        {picture.credit ? <span class="credit">{picture.credit}</span> : null}
      </figcaption>
    </figure>
  );
};
