import type { Config } from "./config.ts";
import type { Db } from "./db/client.ts";
import type { Bus } from "./realtime/bus.ts";
import type { RateLimits } from "./limits/rate-limit.ts";
import type { StreamCaps } from "./limits/streams.ts";
import type { RoundClock } from "./rounds/clock.ts";
import type { Ops } from "./admin/ops.ts";
import type { DeviceCookies } from "./auth/device.ts";
import type { HostAllowlist } from "./http/host-and-origin.ts";
import type { ActivityMeter } from "./activity/meter.ts";

/** What every feature's routes receive. Built once in app.ts (tests build their own). */
export type AppDeps = {
  db: Db; bus: Bus; config: Config; limits: RateLimits; clock: RoundClock;
  /** Backups, restore, cleanup: the school's housekeeping (src/admin/). */
  ops: Ops;
  /** Signs and checks device cookies (secret in the settings table). */
  devices: DeviceCookies;
  /** Live streams open now, per device, per address and in all. */
  streams: StreamCaps;
  /** Host names this server answers to. */
  hosts: HostAllowlist;
  /** Answers per game and attempts per client, live (the teacher's activity and abuse pages). */
  activity: ActivityMeter;
};
