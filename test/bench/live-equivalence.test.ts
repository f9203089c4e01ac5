// The fan-out shortcuts made for the bench must not change what a page shows:
// - the teacher's team list, cached per membership with the scores sent as their own partials, is the plain render;
// - a teacher stream that already shows the membership gets score-only updates that turn the old
//   list into exactly the new one;
// - the grid built from cached cells is the grid the component used to render;
// - a phone showing its team's grid gets only the new cells, which lead to the same grid.
import { describe, expect, test } from "bun:test";
import { teacherPartials } from "../../src/live/views.ts";
import { baselineFrom } from "../../src/realtime/baseline.ts";
import { LobbyStatus, LobbyTeams } from "../../views/games/lobby.tsx";
import { Grid } from "../../views/rounds/year-game/parts.tsx";
import { yt } from "../../views/rounds/year-game/text.ts";
import { partial, str } from "../../views/partial.ts";
import type { LobbyProps } from "../../views/games/lobby.tsx";
import type { Find } from "../../src/rounds/year-game/domain.ts";
import type { Team } from "../../src/db/schema.ts";
import { gridUpdate } from "../../src/rounds/year-game/live.ts";
import type { TeamRoundView } from "../../views/rounds/year-game/play.tsx";

function lobby(o: { teams: number; members: number; status?: string; brackets?: string[]; seed?: number; lang?: "ko" | "en"; rename?: string }): LobbyProps {
  const brackets = o.brackets ?? [];
  const teams = Array.from({ length: o.teams }, (_, i) => ({
    id: 100 + i, gameId: 7, position: i + 1, boardKey: `${i}`.padStart(32, "0"), name: `Team <${i}> "q" ${o.rename ?? ""}`.trim(), bracket: brackets.length ? brackets[i % brackets.length]! : null,
    score: (i * 37 + (o.seed ?? 0) * 11) % 500, rank: 1,
    members: Array.from({ length: o.members }, (_, k) => ({ id: 1000 + i * 100 + k, gameId: 7, teamId: 100 + i, nickname: `학생 ${i}-${k} <b>&`, nicknameKey: "", tokenHash: "", joinedAt: 0 })),
  }));
  const game = { id: 7, code: "42", status: o.status ?? "started", title: "t", classLabel: "", teamCount: o.teams, maxParticipants: 1000, joinMode: "auto", locked: false, lateJoin: true, createdAt: 0, startedAt: null, finishedAt: null };
  return { lang: o.lang ?? "ko", game, view: { teams, brackets }, joinUrl: "http://x", participantCount: 0, phase: "", panel: "", addresses: [], safePlan: "" } as unknown as LobbyProps;
}

/** Runs a render with a stream's baseline; returns its output and what it leaves on screen. */
function renderFrom<T>(shows: string, render: (b: ReturnType<typeof baselineFrom>["baseline"]) => T): { out: T; next: string } {
  const b = baselineFrom(shows);
  const out = render(b.baseline);
  return { out, next: b.next() };
}

const LIST_PARTIAL = /<hx-partial hx-target="#lobby-teams" hx-swap="innerHTML">(.*?)<\/hx-partial>/s;

/** Applies an update the way htmx would: the list if it carries one, then each score into its own element. */
function applyUpdate(list: string, update: string): { html: string; patches: number; status: boolean } {
  let html = LIST_PARTIAL.exec(update)?.[1] ?? list;
  let patches = 0;
  for (const m of update.matchAll(/<hx-partial hx-target="#team-score-(\d+)" hx-swap="innerHTML">(.*?)<\/hx-partial>/g)) {
    patches++;
    const open = `<span id="team-score-${m[1]}">`;
    const start = html.indexOf(open) + open.length;
    html = html.slice(0, start) + m[2] + html.slice(html.indexOf("</span>", start));
  }
  return { html, patches, status: update.includes('hx-target="#lobby-status"') };
}

describe("teacher team list", () => {
  test("the cached list with its scores filled in is byte-identical to the plain render", () => {
    for (const status of ["waiting", "started", "finished"]) for (const brackets of [[], ["Higher", "Lower"]]) for (const lang of ["ko", "en"] as const) for (const seed of [0, 5, 0]) for (const [teams, members] of [[2, 0], [20, 30]] as const) {
      const l = lobby({ teams, members, status, brackets, seed, lang });
      const update = teacherPartials(l);
      expect(update.startsWith(partial("lobby-status", LobbyStatus(l)))).toBe(true);
      expect(applyUpdate("", update).html).toBe(str(LobbyTeams(l)));
    }
  });

  test("a stream showing the membership gets score-only updates that lead to the same list", () => {
    for (const brackets of [[], ["Higher", "Lower"]]) {
      const before = lobby({ teams: 6, members: 3, brackets, seed: 1 });
      const after = lobby({ teams: 6, members: 3, brackets, seed: 2 });
      const first = renderFrom("", (b) => teacherPartials(before, b));
      expect(applyUpdate("", first.out).html).toBe(str(LobbyTeams(before))); // a stream's first frame carries everything
      const second = renderFrom(first.next, (b) => teacherPartials(after, b));
      expect(second.out).not.toContain('hx-target="#lobby-teams"');
      const applied = applyUpdate(str(LobbyTeams(before)), second.out);
      expect(applied.patches).toBe(6);
      expect(applied.html).toBe(str(LobbyTeams(after)));
      // a change of membership (or of a name) sends the whole list again
      const renamed = lobby({ teams: 6, members: 3, brackets, seed: 2, rename: "new" });
      const third = renderFrom(second.next, (b) => teacherPartials(renamed, b));
      expect(third.out).toContain('hx-target="#lobby-teams"');
      expect(applyUpdate(str(LobbyTeams(after)), third.out).html).toBe(str(LobbyTeams(renamed)));
    }
  });
});

describe("year game grid", () => {
  function reference({ min, max, finds, lang, size }: { min: number; max: number; finds: Find[]; lang: "ko" | "en"; size?: "big" | "small" }): string {
    const byTarget = new Map(finds.map((f) => [f.target, f]));
    let cells = "";
    for (let n = min; n <= max; n++) {
      const f = byTarget.get(n);
      cells += f ? `<li class="found" data-n="${n}" title="${`${yt(lang, "by")} ${f.finderName}: ${f.expression}`.replaceAll('"', "&#34;")}">${n}</li>` : `<li data-n="${n}">${n}</li>`;
    }
    return `<ol class="yg-grid${size ? ` ${size}` : ""}" aria-label="${yt(lang, "numbers")} ${min}–${max}">${cells}</ol>`;
  }

  test("cells from the cache make the same grid as rendering each cell", () => {
    for (const [min, max] of [[1, 100], [0, 10]] as const) for (const lang of ["ko", "en"] as const) for (const size of [undefined, "big", "small"] as const) for (let k = 0; k < 3; k++) {
      const finds = [...new Map(Array.from({ length: 30 }, (_, i) => {
        const f: Find = { id: i + 1, teamId: 1, target: min + ((i * 7 + k) % (max - min + 1)), finderName: `학생 "${i}"`, participantId: 1, points: 1, expression: `(1+3)×5−7 "${i}"` };
        return [f.target, f] as const;
      })).values()];
      expect(str(Grid({ min, max, finds, lang, size }))).toBe(reference({ min, max, finds, lang, size }));
    }
  });

  /** Applies cell updates the way htmx would: each replaces one cell (outerHTML). */
  function applyCellPatches(grid: string, update: string): { html: string; patches: number } {
    let html = grid;
    let patches = 0;
    for (const m of update.matchAll(/<hx-partial hx-target="#yg-grid li\[data-n='(\d+)'\]" hx-swap="outerHTML">(.*?)<\/hx-partial>/g)) {
      patches++;
      const at = html.lastIndexOf("<li", html.indexOf(`data-n="${m[1]}"`));
      html = html.slice(0, at) + m[2] + html.slice(html.indexOf("</li>", at) + 5);
    }
    return { html, patches };
  }

  test("a phone showing its team's grid gets only the new cells, and they make the new grid", () => {
    const config = { rules: { targetMin: 1, targetMax: 100 } } as unknown as TeamRoundView["config"];
    const find = (id: number, target: number): Find => ({ id, teamId: 5, target, finderName: `학생 <${id}> "x"`, participantId: 1, points: target, expression: `1+${target} & "y"` });
    const view = (finds: Find[], lang: "ko" | "en" = "ko") => ({ round: { id: 9 }, config, finds, teamScore: 0, now: 0, lang }) as unknown as TeamRoundView;
    const team = { id: 5 } as unknown as Team;
    const grid = (finds: Find[], lang: "ko" | "en" = "ko") => str(Grid({ min: 1, max: 100, finds, lang }));
    const before = [find(1, 7), find(2, 50), find(4, 99)];
    const after = [...before, find(5, 1), find(8, 64), find(9, 100)];
    const first = renderFrom("", (b) => gridUpdate(view(before), team, () => grid(before), b));
    expect(first.out).toBe(partial("yg-grid", grid(before))); // a stream's first frame is the whole grid
    // The whole grid is drawn only when it is sent: not for a phone that gets the new cells.
    let drawn = 0;
    const second = renderFrom(first.next, (b) => gridUpdate(view(after), team, () => (drawn++, grid(after)), b));
    expect(drawn).toBe(0);
    expect(second.out).not.toContain('hx-target="#yg-grid"');
    const applied = applyCellPatches(grid(before), second.out);
    expect(applied.patches).toBe(3);
    expect(applied.html).toBe(grid(after));
    expect(second.out.length).toBeLessThan(grid(after).length / 5);
    // nothing new: nothing to send for the grid
    expect(renderFrom(second.next, (b) => gridUpdate(view(after), team, () => grid(after), b)).out).toBe("");
    // another language, another team or many new finds: the whole grid again
    expect(renderFrom(second.next, (b) => gridUpdate(view(after, "en"), team, () => grid(after, "en"), b)).out).toBe(partial("yg-grid", grid(after, "en")));
    expect(renderFrom(second.next, (b) => gridUpdate(view(after), { id: 6 } as unknown as Team, () => grid(after), b)).out).toBe(partial("yg-grid", grid(after)));
    const many = [...after, ...Array.from({ length: 30 }, (_, i) => find(20 + i, 10 + i))];
    expect(renderFrom(second.next, (b) => gridUpdate(view(many), team, () => grid(many), b)).out).toBe(partial("yg-grid", grid(many)));
    // outside a stream (a page render) there is no baseline: whole
    expect(gridUpdate(view(after), team, () => grid(after), undefined)).toBe(partial("yg-grid", grid(after)));
  });
});
