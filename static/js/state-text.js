// A container's state in words, with how long ago, worked out when it is shown (the server
// sends times, never Docker's clock-relative status text). dashboard/topology/state_text.py
// says the same on the server's pages.

export function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 2 * 86400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86400)} d`;
}

// `now` in Unix seconds.
export function stateText(c, now) {
  let text;
  if (c.state === "running" || c.state === "paused") {
    text = c.state + (c.started_at ? `, up ${duration(now - c.started_at)}` : "");
  } else if (c.state === "exited" || c.state === "restarting") {
    const code = c.exit_code !== null && c.exit_code !== undefined ? ` (${c.exit_code})` : "";
    const ago = c.finished_at ? ` ${duration(now - c.finished_at)} ago` : "";
    text = `${c.state}${code}${ago}`;
  } else {
    text = c.state || "unknown";
  }
  return text + (c.health ? ` (${c.health})` : "");
}
