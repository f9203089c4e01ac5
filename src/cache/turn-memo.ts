// Renders that the streams of one flush share, kept until this turn of the event loop ends
// instead of as long as what they were drawn from. A relay team's whole chain table (sent on a new
// cycle or a first frame) and a finished round's view were kept with the team's state: 29 MB of
// the 195 MB live heap at fifty relays (a heap snapshot), read in the flush that drew them and
// then not again. The heap's peak follows its live size about threefold (README, "Renders kept
// no longer than they are read").

/** A memo per owner object; every entry goes at the end of the turn it was made in. */
export class TurnMemo<O extends object> {
  private readonly byOwner = new Map<O, Map<string, string>>();

  get(owner: O, key: string, make: () => string): string {
    // The first entry of a turn schedules the clearing: a flush's streams all render before it.
    if (this.byOwner.size === 0) setImmediate(() => this.byOwner.clear());
    let m = this.byOwner.get(owner);
    if (!m) this.byOwner.set(owner, (m = new Map()));
    let value = m.get(key);
    if (value === undefined) m.set(key, (value = make()));
    return value;
  }

  /** Owners with entries (tests). */
  get size(): number {
    return this.byOwner.size;
  }
}
