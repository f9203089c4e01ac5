import type { Config } from "./config.ts";
import type { Db } from "./db/client.ts";
import type { Bus } from "./realtime/bus.ts";
import type { RateLimits } from "./limits/rate-limit.ts";
import type { RoundClock } from "./rounds/clock.ts";
import type { Ops } from "./admin/ops.ts";

/** What every feature's routes receive. Built once in app.ts (tests build their own). */
export type AppDeps = { db: Db; bus: Bus; config: Config; limits: RateLimits; clock: RoundClock; ops: Ops };
