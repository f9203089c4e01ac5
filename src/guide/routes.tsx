// The "how the day goes" page: shown after the first login, put away for good with one button,
// reachable again from the dashboard.
import { Elysia } from "elysia";
import type { AppDeps } from "../deps.ts";
import { edges } from "../http/edges.ts";
import { html, redirectAfterPost } from "../http/respond.tsx";
import { joinBaseUrl } from "../net.ts";
import { DayGuidePage } from "../../views/guide/day-guide.tsx";
import { dismissDayGuide, isDayGuideDismissed } from "./dismissal.ts";

export function guideRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Elysia()
    .use(edges(deps))
    .get("/teacher/guide", ({ w, request }) => html(DayGuidePage({ lang: w.lang, joinUrl: joinBaseUrl(request), dismissed: isDayGuideDismissed(db) })), { teacher: "page" })
    .post("/teacher/guide/dismiss", ({ w }) => {
      dismissDayGuide(db);
      return redirectAfterPost(w, "/teacher");
    }, { teacher: "page" });
}
