import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import exifReader from "exif-reader";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Client,
  createNewsroomHarness,
  type NewsroomHarness,
} from "../../../test/support/newsroom-harness.js";
import { createDraft } from "../../../test/support/story-fixtures.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { listAudit } from "../audit-log.js";

/** A JPEG with a GPS position and a camera name in its EXIF; `noisy` makes it large. */
async function photo(width: number, height: number, noisy = false): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) {
    const x = Math.floor(i / 3) % width;
    const y = Math.floor(i / 3 / width);
    pixels[i] = noisy ? (i * 7919) % 251 : (x * (i % 3) + y) % 256;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 92 })
    .withExif({
      IFD0: { Make: "TestCam" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "39/1 54/1 2700/100" },
    })
    .toBuffer();
}

function upload(
  h: NewsroomHarness,
  client: Client,
  id: number,
  fields: Record<string, string>,
  file?: { bytes: Buffer; name: string; type: string },
  withToken = true,
) {
  const form = new FormData();
  if (withToken) form.set("_csrf", client.csrf);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file)
    form.set("file", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return h.request(`/admin/stories/${id}/picture`, {
    method: "POST",
    headers: { cookie: client.cookie },
    body: form,
  });
}

const storedFiles = (root: string): string[] => {
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
};

describe.each(TEST_DIALECTS)("lead picture upload on %s", (dialect) => {
  let h: NewsroomHarness;
  let editor: Client;
  let dataDir: string;
  let gpsPhoto: Buffer;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "resou-media-"));
    // A low byte limit so the "oversized" file stays small enough for a quick test.
    h = await createNewsroomHarness(dialect, undefined, {
      DATA_DIR: dataDir,
      MEDIA_MAX_UPLOAD_BYTES: "400000",
    });
    editor = await h.login((await h.addUser("editor")).email);
    gpsPhoto = await photo(1300, 800);
  });
  afterAll(async () => {
    await h.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("requires alt text and stores nothing without it", async () => {
    const id = await createDraft(editor);
    const response = await upload(
      h,
      editor,
      id,
      { alt: "  ", caption: "", credit: "" },
      {
        bytes: gpsPhoto,
        name: "rain.jpg",
        type: "image/jpeg",
      },
    );
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("Describe the image for readers who cannot see it");
    expect(storedFiles(join(dataDir, "media"))).toEqual([]);
  });

  it("refuses a renamed non-image by its content, keeping what was typed", async () => {
    const id = await createDraft(editor);
    const response = await upload(
      h,
      editor,
      id,
      { alt: "Flooded road", caption: "", credit: "" },
      {
        bytes: Buffer.from("%PDF-1.7 not a picture at all"),
        name: "photo.jpg",
        type: "image/jpeg",
      },
    );
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain("not a JPEG, PNG, WebP or AVIF image");
    expect(page).toContain('value="Flooded road"');
    expect(storedFiles(join(dataDir, "media"))).toEqual([]);
  });

  it("refuses a file over the upload limit", async () => {
    const id = await createDraft(editor);
    const big = await photo(1600, 1200, true);
    expect(big.length).toBeGreaterThan(400_000);
    const response = await upload(
      h,
      editor,
      id,
      { alt: "Big", caption: "", credit: "" },
      {
        bytes: big,
        name: "big.jpg",
        type: "image/jpeg",
      },
    );
    expect(response.status).toBe(413);
    expect(storedFiles(join(dataDir, "media"))).toEqual([]);
  });

  it("refuses an upload without the CSRF token", async () => {
    const id = await createDraft(editor);
    const response = await upload(
      h,
      editor,
      id,
      { alt: "Flooded road", caption: "", credit: "" },
      { bytes: gpsPhoto, name: "rain.jpg", type: "image/jpeg" },
      false,
    );
    expect(response.status).toBe(403);
    expect(storedFiles(join(dataDir, "media"))).toEqual([]);
  });

  it("stores clean variants, audits the upload and shows the picture on the article", async () => {
    expect(
      exifReader((await sharp(gpsPhoto).metadata()).exif ?? Buffer.alloc(0)).GPSInfo
        ?.GPSLatitudeRef,
    ).toBe("N");
    const id = await createDraft(editor);
    const response = await upload(
      h,
      editor,
      id,
      { alt: "A flooded road in Mentougou", caption: "Water on the road", credit: "Resou staff" },
      { bytes: gpsPhoto, name: "IMG_0001.JPG", type: "image/jpeg" },
    );
    expect(response.status).toBe(303);
    const files = storedFiles(join(dataDir, "media"));
    expect(files.map((f) => f.split("/").at(-1)).sort()).toEqual(
      ["480", "800", "1200", "1300"].flatMap((w) => [`${w}.avif`, `${w}.jpg`, `${w}.webp`]).sort(),
    );
    for (const file of files) {
      const meta = await sharp(file).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
    }
    const audit = await listAudit(h.database.db, { action: "story.picture", limit: 5 });
    expect(audit.map((a) => [a.action, a.targetId])).toEqual([
      ["story.picture.upload", String(id)],
    ]);

    // Published, the article shows the picture and shares its 1200-wide JPEG.
    expect((await editor.post(`/admin/stories/${id}/publish`)).status).toBe(303);
    const slug = (
      await h.database.db
        .selectFrom("article")
        .select("slug")
        .where("id", "=", id)
        .executeTakeFirstOrThrow()
    ).slug;
    const html = await (await h.request(`/news/${slug}`)).text();
    expect(html).toMatch(
      /<picture><source type="image\/avif" srcset="\/media\/lead\/[0-9a-f]{32}\/480\.avif 480w, [^"]*1300\.avif 1300w"/,
    );
    expect(html).toContain(
      'alt="A flooded road in Mentougou" width="1300" height="800" loading="eager" fetchpriority="high"',
    );
    expect(html).toContain("Water on the road");
    expect(html).toContain("Resou staff");
    const og = /<meta property="og:image" content="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(og).toMatch(/^https:\/\/resou\.example\/media\/lead\/[0-9a-f]{32}\/1200\.jpg$/);
    expect(html).toContain('<meta property="og:image:width" content="1200"/>');
    const ld = /"image":\[(\{[^\]]*\})\]/.exec(html)?.[1] ?? "";
    expect(JSON.parse(ld)).toEqual({ "@type": "ImageObject", url: og, width: 1200, height: 738 });

    const served = await h.request(new URL(og).pathname);
    expect(served.headers.get("content-type")).toBe("image/jpeg");
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).exif).toBeUndefined();

    // Removing it deletes the stored files and the card stands in again.
    expect((await editor.post(`/admin/stories/${id}/picture/remove`)).status).toBe(303);
    expect(storedFiles(join(dataDir, "media"))).toEqual([]);
    const after = await (await h.request(`/news/${slug}`)).text();
    expect(after).toMatch(
      /<meta property="og:image" content="https:\/\/resou\.example\/cards\/article\//,
    );
    expect(after).not.toContain("<picture>");
  });
});
