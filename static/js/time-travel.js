// Time travel: the map as it was at a chosen moment (/api/topology?at=), optionally marked
// with what changed since an earlier one (/api/history/compare). While it shows the past,
// live messages are held back; "Back to live" asks the socket for a fresh snapshot.
// Times are typed and shown in UTC, like the History page.

import { localValue } from "./url-state.js";

// A datetime-local value ("2026-11-28T10:32" or with seconds) read as UTC.
export function utcParam(value) {
  if (!value) return "";
  return value.length === 16 ? `${value}:00Z` : `${value}Z`;
}

// The words for a comparison, with names from the two maps (ids when a name is unknown).
export function describeComparison(diff, before, after) {
  const name = (kind, id) => (after[kind].get(id) || before[kind].get(id) || { name: id.slice(0, 12) }).name;
  const parts = [];
  for (const [kind, word] of [
    ["networks", "network"],
    ["containers", "container"],
  ]) {
    for (const what of ["appeared", "vanished", "moved"]) {
      const ids = diff[kind][what] || [];
      if (ids.length)
        parts.push(
          `${ids.length} ${word}${ids.length > 1 ? "s" : ""} ${what}: ${ids.map((id) => name(kind, id)).join(", ")}`,
        );
    }
  }
  return parts.length ? parts.join("; ") : "nothing changed";
}

function indexed(topology) {
  return {
    networks: new Map(topology.networks.map((n) => [n.id, n])),
    containers: new Map(topology.containers.map((c) => [c.id, c])),
  };
}

export class TimeTravel {
  constructor({ show, live, mark, onChange = () => {} }) {
    this.show = show; // (topology) => draw it as the map
    this.live = live; // () => go back to the live map
    this.mark = mark; // ({ appeared, moved }) => mark nodes by id
    this.onChange = onChange; // () => the moment shown changed (or live again)
    this.active = false;
    this.shown = null; // { at, from } (UTC, "…Z") of the past on show
    this.at = document.getElementById("travel-at");
    this.from = document.getElementById("travel-from");
    this.banner = document.getElementById("travel-banner");
    this.text = document.getElementById("travel-text");
    this.liveButton = document.getElementById("travel-live");
    document.getElementById("travel-go").addEventListener("click", () => this.go());
    this.liveButton.addEventListener("click", () => this.leave());
  }

  async fetchJson(url) {
    const r = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await r.json();
    if (!r.ok) throw new Error(body.error || `${r.status}`);
    return body;
  }

  say(text, error = false) {
    this.text.textContent = text;
    this.banner.classList.toggle("error", error);
    this.banner.hidden = false;
  }

  async go() {
    const at = utcParam(this.at.value);
    if (!at) {
      this.say("Choose a moment first.", true);
      return;
    }
    try {
      const then = await this.fetchJson(`/api/topology?at=${encodeURIComponent(at)}`);
      this.active = true;
      this.liveButton.hidden = false;
      this.show(then);
      const from = utcParam(this.from.value);
      this.shown = { at, from };
      this.onChange();
      let text = `The map at ${at.replace("T", " ").replace("Z", "")} UTC (version ${then.version}).`;
      if (from) {
        const q = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(at)}`;
        const [diff, before] = await Promise.all([
          this.fetchJson(`/api/history/compare?${q}`),
          this.fetchJson(`/api/topology?at=${encodeURIComponent(from)}`),
        ]);
        this.mark({
          appeared: [
            ...diff.networks.appeared.map((id) => ["network", id]),
            ...diff.containers.appeared.map((id) => ["container", id]),
          ],
          moved: diff.containers.moved.map((id) => ["container", id]),
        });
        text += ` Since ${from.replace("T", " ").replace("Z", "")}: ${describeComparison(diff, indexed(before), indexed(then))}.`;
      }
      this.say(text);
    } catch (e) {
      this.say(`No map for that moment: ${e.message}`, true);
    }
  }

  // Show the moments given (as from a link: UTC, "…Z"), as if typed and asked for.
  goTo({ at, from = "" }) {
    this.at.value = localValue(at);
    this.from.value = localValue(from);
    return this.go();
  }

  leave() {
    this.active = false;
    this.shown = null;
    this.onChange();
    this.liveButton.hidden = true;
    this.banner.hidden = true;
    this.live();
  }
}
