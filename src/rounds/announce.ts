// After a committed answer (or hint): the live screens are told, to the teams it names only when
// it names some, and a moved deadline re-arms the round's clock.
import type { AppDeps } from "../deps.ts";
import type { Announcement } from "./contract.ts";

export function publishAnnouncement(deps: Pick<AppDeps, "bus" | "clock">, news: Announcement | null): void {
  if (!news) return;
  deps.bus.announce(news.gameId, news);
  if (news.round) deps.clock.track(news.round);
}
