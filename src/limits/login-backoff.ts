// A growing wait after consecutive failed teacher logins from one network address: a word list
// tried from a student's laptop slows to one guess per few minutes, while the teacher's own
// machine (another address) is never slowed by it. The first `free` failures cost nothing, so a
// mistyped password is not punished; each failure after them doubles the wait, up to `maxMs`.
//
// Attempts in flight count: checking a password takes tens of milliseconds, and a burst of
// simultaneous guesses must not all slip in before the first failure is recorded.
import type { BackoffSpec } from "../config.ts";

type State = { failures: number; pending: number; until: number; last: number };

export class LoginBackoff {
  private byAddress = new Map<string, State>();
  private lastSweep = 0;

  constructor(private spec: BackoffSpec) {}

  /** Before checking a password: 0 = go ahead (the attempt is now in flight), else seconds to wait. Every 0 must be followed by `end`. */
  begin(address: string, now = Date.now()): number {
    if (this.spec === "off") return 0;
    this.sweep(now);
    let s = this.byAddress.get(address);
    if (!s) this.byAddress.set(address, (s = { failures: 0, pending: 0, until: 0, last: now }));
    if (now < s.until) return Math.max(1, Math.ceil((s.until - now) / 1000));
    // Within the free failures, as many attempts as are left; past them, one at a time.
    const allowed = s.failures < this.spec.free ? this.spec.free - s.failures : 1;
    if (s.pending >= allowed) return 1;
    s.pending++;
    return 0;
  }

  /** After the check: a success forgets the address's failures; a failure counts and sets the next wait. */
  end(address: string, ok: boolean, now = Date.now()): void {
    if (this.spec === "off") return;
    const s = this.byAddress.get(address);
    if (!s) return;
    s.pending = Math.max(0, s.pending - 1);
    s.last = now;
    if (ok) {
      if (s.pending === 0) this.byAddress.delete(address);
      else [s.failures, s.until] = [0, 0];
      return;
    }
    s.failures++;
    if (s.failures >= this.spec.free) {
      const doublings = Math.min(30, s.failures - this.spec.free);
      s.until = now + Math.min(this.spec.maxMs, this.spec.firstMs * 2 ** doublings);
    }
  }

  /** An address quiet for longer than the longest wait starts afresh. */
  private sweep(now: number): void {
    if (this.spec === "off" || now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [address, s] of this.byAddress) if (s.pending === 0 && now - s.last > this.spec.maxMs + 600_000) this.byAddress.delete(address);
  }
}
