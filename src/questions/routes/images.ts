// GET /img/<sha256>: a question image's bytes, by content hash. Public — students' phones load
// the images of open questions — and unlistable: no route names images, the hash is the only
// way in, and a student-facing answer names a question's image only once that question is open
// to the student (the rounds' job). The URL names the content, so it is cached for a year.
import { Elysia, t } from "elysia";
import type { AppDeps } from "../../deps.ts";
import { edges } from "../../http/edges.ts";
import { pageError } from "../../http/respond.tsx";
import { IMAGE_CACHE_CONTROL, readImage } from "../images.ts";

export function imageRoutes(deps: AppDeps) {
  return new Elysia()
    .use(edges(deps))
    .get("/img/:sha", ({ w, params }) => {
      // readImage checks the hash's shape: anything else is simply not found.
      const image = readImage(deps.db, params.sha);
      if (!image) return pageError(w, "not_found");
      return new Response(image.bytes as Uint8Array<ArrayBuffer>, {
        headers: {
          "content-type": image.mime,
          "cache-control": IMAGE_CACHE_CONTROL,
          "x-content-type-options": "nosniff",
          // Opened directly, an image is a document: it may run nothing and load nothing.
          "content-security-policy": "default-src 'none'; sandbox",
        },
      });
    }, { params: t.Object({ sha: t.String() }) });
}
