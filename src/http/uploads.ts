// Routes that take files (a question's image, an import) accept more than the general body
// limit, each up to its own, without raising the limit for every other route: an answer from a
// phone still may not carry 25 MB. Each rule names its method and path; app.ts consults them
// before routing — in onRequest for a declared size over the general limit, and while reading a
// multipart body (chunked uploads have no declared size). A body over a rule's limit is refused
// with the rule's code (413 image_too_large reads better than payload_too_large on an image).
import type { Config } from "../config.ts";
import type { BodyLimit, TooLargeCode } from "./body.ts";
import { pathOf } from "./host-and-origin.ts";

export type UploadRule = { method: "POST"; path: RegExp; bytes: (config: Config) => number; code: TooLargeCode };

/** The limit for a request: its upload rule's, or null (the general limit applies). */
export type UploadLimitOf = (request: Request) => BodyLimit | null;

export function uploadLimits(rules: readonly UploadRule[], config: Config): UploadLimitOf {
  const compiled = rules.map((r) => ({ method: r.method, path: r.path, limit: { bytes: r.bytes(config), code: r.code } }));
  return (request) => {
    if (request.method !== "POST") return null;
    const path = pathOf(request);
    return compiled.find((r) => r.path.test(path))?.limit ?? null;
  };
}
