// Patches reach the model at once, and the drawn map in flushes: the first after a quiet
// spell at once, each later one no sooner than the last redraw took. While a big map's
// redraws run long, a burst of patches merges into fewer of them, and the page keeps the
// time to take in what arrives instead of queueing it behind redraws. Pure: the clock and
// the timer are given.

// The model's applyPatch answers, merged: the renderer syncs each id to the model as it is
// at the flush, so an id named twice, or one since removed, is drawn right.
export function mergeChanged(into, changed) {
  if (!into) return Object.fromEntries(Object.entries(changed).map(([k, v]) => [k, [...v]]));
  for (const [k, v] of Object.entries(changed)) (into[k] ||= []).push(...v);
  return into;
}

// The longest wait: a flush that changed nothing drawn is followed by no redraw of its own,
// and the next redraw (a pan, much later) must not read as its cost.
export const MAX_WAIT = 250; // ms

export class Pacer {
  // `flush(changed, count)`: draw what `count` patches changed.
  constructor(flush, { now = () => performance.now(), later = (f, ms) => setTimeout(f, ms) } = {}) {
    Object.assign(this, { flush, now, later });
    this.pending = null;
    this.count = 0;
    this.timer = false;
    this.nextAt = -Infinity; // no flush before this time
    this.flushedAt = null; // the last flush, until its redraw is seen
    this.maxWait = MAX_WAIT; // 0: every patch drawn at once (the bench compares)
  }

  add(changed) {
    this.pending = mergeChanged(this.pending, changed);
    this.count += 1;
    if (this.timer) return;
    const wait = this.nextAt - this.now();
    if (wait <= 0) {
      this._flush();
      return;
    }
    this.timer = true;
    this.later(() => {
      this.timer = false;
      this._flush();
    }, wait);
  }

  // Called when the map has been redrawn (Cytoscape's render event): the next flush waits
  // as long again as this one took to be drawn.
  drawn() {
    if (this.flushedAt === null) return;
    const at = this.now();
    this.nextAt = at + Math.min(at - this.flushedAt, this.maxWait);
    this.flushedAt = null;
  }

  // Drop what waits: a snapshot redraws everything from the model.
  clear() {
    this.pending = null;
    this.count = 0;
  }

  _flush() {
    if (!this.pending) return;
    const [changed, count] = [this.pending, this.count];
    this.clear();
    this.flushedAt = this.now();
    this.flush(changed, count);
  }
}
