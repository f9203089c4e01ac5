// A round view whose full panel is rendered only if asked for: live streams mostly send the
// partials, and the full panel is needed only when a viewer arrives from another phase. Its
// inputs are read up front, so a late render touches no database. The partials may be deferred
// too (a function): a stream whose viewer already shows the view's `key` never renders them.
import type { RoundView } from "./contract.ts";

export function lazyView(phase: string, full: () => string, partials: string | (() => string), key?: string, pieces?: () => readonly string[], fullPieces?: () => readonly string[]): RoundView {
  let html: string | undefined;
  let parts = typeof partials === "string" ? partials : undefined;
  return {
    phase,
    get full() { return (html ??= full()); },
    get partials() { return (parts ??= (partials as () => string)()); },
    key,
    ...(pieces ? { pieces } : {}),
    ...(fullPieces ? { fullPieces } : {}),
  };
}
