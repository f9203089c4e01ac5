import type { AppDeps } from "../deps.ts";
import type { Result } from "../errors.ts";

/** Publishes after a successful commit; a refused change announces nothing. */
export function afterCommit<R extends Result<object>>(deps: AppDeps, gameId: number, result: R, ...topics: Parameters<AppDeps["bus"]["publish"]>[1][]): R {
  if (result.ok) deps.bus.publish(gameId, ...topics);
  return result;
}
