import type { FC } from "hono/jsx";
import type { PictureView } from "../../media/picture-view.js";
import { CsrfField } from "./admin-layout.js";

export interface PicturePanelProps {
  articleId: number;
  csrf: string;
  /** The current lead picture, if one was uploaded. */
  picture?: PictureView | undefined;
  /** Values sent with a refused upload, shown again so nothing typed is lost. */
  values?: { alt: string; caption: string; credit: string } | undefined;
  errors?: Record<string, string> | undefined;
  maxMegabytes: number;
}

const FieldNote: FC<{ id: string; error?: string | undefined }> = ({ id, error }) =>
  error ? (
    <p class="field-error" id={id}>
      {error}
    </p>
  ) : null;

/** Upload, describe or remove the story's lead picture (the share card stands in without one). */
export const PicturePanel: FC<PicturePanelProps> = (p) => {
  const action = `/admin/stories/${p.articleId}/picture`;
  const values = p.values ?? {
    alt: p.picture?.alt ?? "",
    caption: p.picture?.caption ?? "",
    credit: p.picture?.credit ?? "",
  };
  const err = p.errors ?? {};
  return (
    <section class="panel picture-panel" aria-labelledby="picture-title">
      <h2 id="picture-title">Lead picture</h2>
      {p.picture ? (
        <img
          src={p.picture.src}
          alt={p.picture.alt}
          width={p.picture.width}
          height={p.picture.height}
          style="max-width:100%;height:auto"
        />
      ) : (
        <p class="muted">None: link previews show the generated share card.</p>
      )}
      <form method="post" action={action} enctype="multipart/form-data">
        <CsrfField token={p.csrf} />
        <div class={err.file ? "field invalid" : "field"}>
          <label for="picture-file">{p.picture ? "Replace with" : "Image file"}</label>
          <small>
            JPEG, PNG, WebP or AVIF, up to {p.maxMegabytes} MB, at least 400 pixels wide. Location
            and camera data are removed.
          </small>
          <input
            id="picture-file"
            type="file"
            name="file"
            accept="image/jpeg,image/png,image/webp,image/avif"
            aria-invalid={err.file ? "true" : undefined}
            aria-describedby={err.file ? "picture-file-error" : undefined}
          />
          <FieldNote id="picture-file-error" error={err.file} />
        </div>
        <div class={err.alt ? "field invalid" : "field"}>
          <label for="picture-alt">Alt text (required)</label>
          <small>What the image shows, for readers who cannot see it.</small>
          <input
            id="picture-alt"
            name="alt"
            value={values.alt}
            maxlength={300}
            required
            aria-invalid={err.alt ? "true" : undefined}
            aria-describedby={err.alt ? "picture-alt-error" : undefined}
          />
          <FieldNote id="picture-alt-error" error={err.alt} />
        </div>
        <div class={err.caption ? "field invalid" : "field"}>
          <label for="picture-caption">Caption</label>
          <input id="picture-caption" name="caption" value={values.caption} maxlength={500} />
          <FieldNote id="picture-caption-error" error={err.caption} />
        </div>
        <div class={err.credit ? "field invalid" : "field"}>
          <label for="picture-credit">Credit</label>
          <input id="picture-credit" name="credit" value={values.credit} maxlength={200} />
          <FieldNote id="picture-credit-error" error={err.credit} />
        </div>
        <button type="submit">{p.picture ? "Save picture" : "Upload picture"}</button>
      </form>
      {p.picture ? (
        <form method="post" action={`${action}/remove`}>
          <CsrfField token={p.csrf} />
          <button type="submit" class="link">
            Remove the picture
          </button>
        </form>
      ) : null}
    </section>
  );
};
