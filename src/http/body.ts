// Request bodies are read here, once, under the body limit. Bun's own limit cannot be used for
// that: a chunked upload over it gets a bare 413 from Bun with no error code, so app.ts turns
// Bun's limit off and this reader enforces the configured one. JSON nesting is capped too: a
// 10,000-deep array is valid JSON, but the validator's error path recurses through it.

export const MAX_JSON_DEPTH = 64;

/** Uploads say "the image is too large" rather than "the request is too large" (src/http/uploads.ts). */
export type TooLargeCode = "payload_too_large" | "image_too_large";
/** How much a body may hold, and the code that refuses more. */
export type BodyLimit = { bytes: number; code: TooLargeCode };

/** A body refused before it reaches validation; app.ts maps it to the stable error code. */
export class BodyError extends Error {
  constructor(
    readonly code: TooLargeCode | "invalid_json" | "invalid_input",
    message: string,
    readonly detail?: Record<string, unknown>,
    /** Shown instead of the code's generic text when that would mislead (deep JSON is still JSON). */
    readonly text?: { en: string; ko: string },
  ) {
    super(message);
  }
}

const TOO_DEEP = { en: "The request body is nested too deeply.", ko: "요청 본문의 중첩이 너무 깊습니다." };
const PROTO_KEY = { en: "A field may not be named __proto__.", ko: "__proto__라는 이름의 필드는 쓸 수 없습니다." };

/** JSON.parse, refusing "__proto__" keys (the validator would let one through unseen). */
function parseJson(text: string): unknown {
  if (!text.includes("__proto__")) return JSON.parse(text);
  return JSON.parse(text, (key, value) => {
    if (key === "__proto__") throw new BodyError("invalid_input", "body: a field named __proto__", { reason: "reserved_name" }, PROTO_KEY);
    return value;
  });
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The body's bytes, or BodyError once more than `limit.bytes` arrive (declared or streamed). */
export async function readLimited(request: Request, { bytes: limit, code }: BodyLimit): Promise<Uint8Array<ArrayBuffer>> {
  if (!request.body) return new Uint8Array(new ArrayBuffer(0));
  const declared = request.headers.get("content-length");
  if (Number(declared ?? "0") > limit) throw new BodyError(code, `body: larger than ${limit} bytes`);
  // A declared length bounds what Bun reads: take it in one piece (the stream reader below costs
  // more than the rest of a small answer's parsing). Chunked bodies are counted as they stream.
  if (declared !== null && !request.headers.has("transfer-encoding")) return new Uint8Array(await request.arrayBuffer());
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    // app.handle() in tests may stream strings rather than bytes.
    const chunk = typeof value === "string" ? encoder.encode(value) : (value as Uint8Array);
    size += chunk.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => {});
      throw new BodyError(code, `body: larger than ${limit} bytes`);
    }
    chunks.push(chunk);
  }
  const out = new Uint8Array(new ArrayBuffer(size));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** True when arrays/objects nest deeper than `max` (brackets inside strings do not count). */
export function jsonTooDeep(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

/**
 * Form fields as a plain record: a repeated name becomes an array, files stay files. Values are
 * kept as text (no JSON decoding of "[...]" values, no expansion of dotted names into objects).
 */
function fieldsOf(form: URLSearchParams | FormData): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  form.forEach((value, key) => {
    const seen = out[key];
    if (seen === undefined) out[key] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else out[key] = [seen, value];
  });
  return out;
}

/** Parses the body for Elysia's parse hook; undefined leaves a type we do not read to Elysia. */
export async function parseBody(request: Request, contentType: string, limit: BodyLimit): Promise<unknown> {
  switch (contentType) {
    case "application/json": {
      const text = decoder.decode(await readLimited(request, limit));
      if (jsonTooDeep(text, MAX_JSON_DEPTH)) throw new BodyError("invalid_json", `body: JSON nested deeper than ${MAX_JSON_DEPTH} levels`, { reason: "too_deep", maxDepth: MAX_JSON_DEPTH }, TOO_DEEP);
      return parseJson(text);
    }
    case "application/x-www-form-urlencoded":
      return fieldsOf(new URLSearchParams(decoder.decode(await readLimited(request, limit))));
    case "multipart/form-data": {
      const bytes = await readLimited(request, limit);
      return fieldsOf(await new Response(bytes, { headers: { "content-type": request.headers.get("content-type") ?? contentType } }).formData());
    }
    case "text/plain":
      return decoder.decode(await readLimited(request, limit));
    case "application/octet-stream":
      // No route takes raw bytes: read them (the limit holds), then refuse — an empty-looking object would pass a schema of optional fields.
      await readLimited(request, limit);
      throw new BodyError("invalid_input", "body: raw bytes where JSON or a form was expected", { reason: "content_type" });
    default:
      return undefined;
  }
}
