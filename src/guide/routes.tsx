// The "how the day goes" page: shown after the first login, put away for good with one button,
// reachable again from the dashboard.
import { Elysia } from "elysia";
import type { AppDeps } from "../deps.ts";
import { who } from "../auth/request.ts";
import { html, redirectAfterPost } from "../http/respond.tsx";
import { teacherPageGuard } from "../http/guards.ts";
import { joinBaseUrl } from "../net.ts";
import { DayGuidePage } from "../../views/guide/day-guide.tsx";
import { dismissDayGuide, isDayGuideDismissed } from "./dismissal.ts";

export function guideRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Elysia()
    .get("/teacher/guide", (c) => {
      const w = who(db, c);
      const denied = teacherPageGuard(w, "/teacher/guide");
      if (denied) return denied;
      return html(DayGuidePage({ lang: w.lang, joinUrl: joinBaseUrl(c.request), dismissed: isDayGuideDismissed(db) }));
    })
    .post("/teacher/guide/dismiss", (c) => {
      const w = who(db, c);
      const denied = teacherPageGuard(w, "/teacher/guide");
      if (denied) return denied;
      dismissDayGuide(db);
      return redirectAfterPost(w, "/teacher");
    });
}
