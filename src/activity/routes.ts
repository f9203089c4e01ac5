// The teacher's live views: activity (answers per minute, live pages, students connected) and
// abuse (refusals, seats per address, patterns). JSON for scripts, pages for the teacher; a page
// asked for by htmx (its own polling) gets its panel alone.
//
// Polling rather than a live stream: these pages sum up every game at once and change with the
// clock (a minute's answers age out, a phone's page closes) rather than with one game's events,
// which is what the SSE streams follow; a request every few seconds from the teacher's laptop
// costs a few small queries and holds no stream slot.
import { Elysia } from "elysia";
import type { AppDeps } from "../deps.ts";
import { edges } from "../http/edges.ts";
import { html, json } from "../http/respond.tsx";
import { activityReport } from "./report.ts";
import { abuseReport, type AbuseReport, type SeatGroup } from "./abuse.ts";
import { ActivityPage, ActivityPanel } from "../../views/activity/activity.tsx";
import { AbusePage, AbusePanel } from "../../views/activity/abuse.tsx";

/** What a script can do about an address's seats in a game: the same API calls the page's buttons make. */
function actions(address: string, g: SeatGroup) {
  return [
    { action: "remove_seats", method: "POST", path: `/api/games/${g.gameId}/addresses/remove`, body: { address } },
    ...(g.locked ? [] : [{ action: "lock", method: "POST", path: `/api/games/${g.gameId}/lock` }]),
  ];
}

function abuseJson(r: AbuseReport) {
  return {
    ...r,
    seatsByAddress: r.seatsByAddress.map((a) => ({ ...a, games: a.games.map((g) => ({ ...g, actions: actions(a.address, g) })) })),
    patterns: r.patterns.map((p) => ({ ...p, games: p.games.map((g) => ({ ...g, actions: actions(g.address ?? p.address, g) })) })),
  };
}

export function activityRoutes(deps: AppDeps) {
  const { db } = deps;
  const activity = () => activityReport(db, deps.activity, deps.streams.perGame());
  const abuse = () => abuseReport(db, deps.activity);
  return new Elysia()
    .use(edges(deps))
    .get("/api/activity", () => json(activity()), { teacher: "api" })
    .get("/api/abuse", () => json(abuseJson(abuse())), { teacher: "api" })
    .get("/teacher/activity", ({ w }) => html((w.isHtmx ? ActivityPanel : ActivityPage)({ lang: w.lang, report: activity() })), { teacher: "page" })
    .get("/teacher/abuse", ({ w }) => html((w.isHtmx ? AbusePanel : AbusePage)({ lang: w.lang, report: abuse() })), { teacher: "page" });
}
