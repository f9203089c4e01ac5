// The question bank's routes: the teacher's pages, the JSON API and the public /img/<sha256>.
// The upload routes among them have their own body limits (uploads.ts, read by app.ts).
import { Elysia } from "elysia";
import type { AppDeps } from "../../deps.ts";
import { questionApiRoutes } from "./api.ts";
import { bankPageRoutes } from "./bank-pages.tsx";
import { editorRoutes } from "./editor.tsx";
import { imageRoutes } from "./images.ts";
import { importPageRoutes } from "./import-pages.tsx";

export function questionRoutes(deps: AppDeps) {
  return new Elysia()
    .use(questionApiRoutes(deps))
    .use(bankPageRoutes(deps))
    .use(importPageRoutes(deps))
    .use(editorRoutes(deps))
    .use(imageRoutes(deps));
}
