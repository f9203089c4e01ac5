// Question images, stored in SQLite by the SHA-256 of their bytes (one file holds and backs up
// everything; the same picture twice is one row). The type is decided by the first bytes, never
// by the file name or the declared content type: an HTML or SVG file renamed .png would
// otherwise be served to phones as a document that runs script. Only four raster formats pass.
//
// Serving (routes/images.ts): GET /img/<sha256> → readImage(); send `bytes` with
// `content-type: mime` and IMAGE_CACHE_CONTROL. The URL names the content, so it never changes.
import { eq } from "drizzle-orm";
import type { Conn, Tx } from "../db/client.ts";
import { images } from "../db/schema.ts";
import { fail, type Fail } from "../errors.ts";

/** 5 MiB, as the `images_size` CHECK. Uploads and imports have their own body limit above this. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const IMAGE_CACHE_CONTROL = "public, max-age=31536000, immutable";

export type ImageMime = "image/png" | "image/jpeg" | "image/webp" | "image/gif";
export const IMAGE_EXTENSIONS: Record<ImageMime, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "image/gif": "gif" };

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/** Magic numbers: PNG's 8-byte signature, JPEG's SOI + marker, GIF87a/89a, RIFF….WEBP. */
export function sniffImage(bytes: Uint8Array): ImageMime | null {
  if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b)) return "image/png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.length >= 6 && (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a")) return "image/gif";
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "image/webp";
  return null;
}

export type CheckedImage = { sha256: string; mime: ImageMime; size: number; bytes: Uint8Array };

/** Size and type checks, and the hash: everything short of storing. */
export function checkImage(bytes: Uint8Array): ({ ok: true } & CheckedImage) | Fail {
  if (bytes.length > MAX_IMAGE_BYTES) return fail("image_too_large", { maxBytes: MAX_IMAGE_BYTES, size: bytes.length });
  const mime = sniffImage(bytes);
  if (!mime) return fail("unsupported_image");
  const sha256 = new Bun.CryptoHasher("sha256").update(bytes).digest("hex");
  return { ok: true, sha256, mime, size: bytes.length, bytes };
}

/**
 * Stores checked bytes inside the caller's transaction; the same bytes again change nothing.
 * (Callers check first, outside the write lock: hashing 5 MB takes a few milliseconds.)
 */
export function storeImage(tx: Tx, image: CheckedImage): { sha256: string; mime: ImageMime } {
  tx.insert(images).values({ sha256: image.sha256, mime: image.mime, size: image.size, bytes: Buffer.from(image.bytes) }).onConflictDoNothing().run();
  return { sha256: image.sha256, mime: image.mime };
}

/** An image to serve, or null. The hash is checked for shape so any path segment can be passed. */
export function readImage(conn: Conn, sha256: string): { bytes: Uint8Array; mime: ImageMime; size: number } | null {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
  const row = conn.select({ bytes: images.bytes, mime: images.mime, size: images.size }).from(images).where(eq(images.sha256, sha256)).get();
  return row ? { bytes: new Uint8Array(row.bytes), mime: row.mime, size: row.size } : null;
}

export function hasImage(conn: Conn, sha256: string): boolean {
  return /^[0-9a-f]{64}$/.test(sha256) && conn.select({ s: images.sha256 }).from(images).where(eq(images.sha256, sha256)).get() !== undefined;
}

export function imageUrl(sha256: string): string {
  return `/img/${sha256}`;
}
