import { afterAll, describe, expect, test } from "bun:test";
import { write } from "../../src/db/client.ts";
import { attachImage, createQuestion } from "../../src/questions/bank.ts";
import { checkImage, IMAGE_CACHE_CONTROL, MAX_IMAGE_BYTES, readImage, sniffImage, storeImage } from "../../src/questions/images.ts";
import { freshDb } from "../support/db.ts";

import { TINY_PNG } from "../support/images.ts";

// The first bytes of the other formats.
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
const GIF = new TextEncoder().encode("GIF89a\x01\x00\x01\x00\x00\x00\x00;");
const WEBP = new TextEncoder().encode("RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00");
const text = (s: string) => new TextEncoder().encode(s);

/** Bytes of a given size that start like `head` (a camera photo is mostly incompressible data). */
function sized(head: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(size, i + 65536)));
  out.set(head);
  return out;
}

const t = freshDb();
afterAll(() => t.close());

describe("image type comes from the bytes", () => {
  test("PNG, JPEG, GIF and WebP are recognised by their magic numbers", () => {
    expect(sniffImage(TINY_PNG)).toBe("image/png");
    expect(sniffImage(JPEG)).toBe("image/jpeg");
    expect(sniffImage(GIF)).toBe("image/gif");
    expect(sniffImage(WEBP)).toBe("image/webp");
  });
  test("a PNG uploaded as photo.jpg is stored as PNG (the name is never looked at)", () => {
    const q = createQuestion(t.db, { category: "score_steal", text: "photo.jpg", answer: "1" });
    if (!q.ok) throw new Error(q.code);
    const r = attachImage(t.db, q.question.id, TINY_PNG);
    if (!r.ok) throw new Error(r.code);
    expect(r.imageUrl).toMatch(/^\/img\/[0-9a-f]{64}$/);
    expect(readImage(t.db, r.question.image!)).toMatchObject({ mime: "image/png", size: TINY_PNG.length });
  });
  test("an HTML file named .png, an SVG, and other files are refused with unsupported_image", () => {
    for (const bytes of [text("<!doctype html><script>alert(1)</script>"), text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), text("<?xml version='1.0'?><svg/>"), text("%PDF-1.4"), new Uint8Array(0), TINY_PNG.subarray(0, 7)]) {
      expect(checkImage(bytes)).toMatchObject({ ok: false, code: "unsupported_image" });
    }
  });
  test("a 4 MB photo is accepted; a 6 MB one is refused with image_too_large (HTTP 413)", () => {
    expect(checkImage(sized(JPEG, 4 * 1024 * 1024))).toMatchObject({ ok: true, mime: "image/jpeg" });
    expect(checkImage(sized(JPEG, MAX_IMAGE_BYTES))).toMatchObject({ ok: true });
    expect(checkImage(sized(JPEG, MAX_IMAGE_BYTES + 1))).toMatchObject({ ok: false, code: "image_too_large" });
    expect(checkImage(sized(JPEG, 6 * 1024 * 1024))).toMatchObject({ ok: false, code: "image_too_large" });
  });
  test("a 4 MB image round-trips through the database byte for byte", () => {
    const bytes = sized(TINY_PNG, 4 * 1024 * 1024);
    const c = checkImage(bytes);
    if (!c.ok) throw new Error(c.code);
    write(t.db, (tx) => storeImage(tx, c));
    const back = readImage(t.db, c.sha256)!;
    expect(back.mime).toBe("image/png");
    expect(Buffer.compare(Buffer.from(back.bytes), Buffer.from(bytes))).toBe(0);
  });
});

describe("storage by content hash", () => {
  test("storing the same bytes twice is one row", () => {
    const c = checkImage(GIF);
    if (!c.ok) throw new Error(c.code);
    write(t.db, (tx) => storeImage(tx, c));
    write(t.db, (tx) => storeImage(tx, c));
    expect(t.db.$client.query("SELECT count(*) AS n FROM images WHERE sha256 = ?").get(c.sha256)).toEqual({ n: 1 });
    expect(c.sha256).toBe(new Bun.CryptoHasher("sha256").update(GIF).digest("hex"));
  });
  test("reading: an unknown or malformed hash is null; serving headers are immutable", () => {
    expect(readImage(t.db, "0".repeat(64))).toBeNull();
    expect(readImage(t.db, "../../etc/passwd")).toBeNull();
    expect(IMAGE_CACHE_CONTROL).toContain("immutable");
  });
  test("the schema itself refuses an unknown type or a size that is not the blob's", () => {
    expect(() => t.db.$client.run("INSERT INTO images (sha256, mime, size, bytes) VALUES (?, 'image/svg+xml', 3, x'3c733e')", ["a".repeat(64)])).toThrow(/CHECK/);
    expect(() => t.db.$client.run("INSERT INTO images (sha256, mime, size, bytes) VALUES (?, 'image/png', 9, x'3c733e')", ["b".repeat(64)])).toThrow(/CHECK/);
  });
  test("attaching to a missing question is question_not_found; bad bytes never reach the table", () => {
    expect(attachImage(t.db, 99999, TINY_PNG)).toMatchObject({ ok: false, code: "question_not_found" });
    const before = t.db.$client.query("SELECT count(*) AS n FROM images").get();
    expect(attachImage(t.db, 1, text("<svg/>"))).toMatchObject({ ok: false, code: "unsupported_image" });
    expect(t.db.$client.query("SELECT count(*) AS n FROM images").get()).toEqual(before);
  });
});
