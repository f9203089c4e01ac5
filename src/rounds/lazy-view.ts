// A round view whose full panel is rendered only if asked for: live streams mostly send the
// partials, and the full panel is needed only when a viewer arrives from another phase. Its
// inputs are read up front, so a late render touches no database.
import type { RoundView } from "./contract.ts";

export function lazyView(phase: string, full: () => string, partials: string, key?: string, personal?: boolean): RoundView {
  let html: string | undefined;
  return { phase, get full() { return (html ??= full()); }, partials, key, personal };
}
