// The status pill: live, reconnecting, or which engine is down and why. The page's
// data-state and data-version carry the same for tests and scripts.

export function statusOf(socketState, engines, version) {
  const down = [...engines].filter((e) => e.status !== "connected");
  if (socketState === "past") return { cls: "past", text: `The past · version ${version} (not live)` };
  if (socketState !== "open") {
    return {
      cls: "reconnecting",
      text: socketState === "connecting" ? "Connecting…" : `Reconnecting… (${socketState})`,
    };
  }
  // Open, but no snapshot yet: not live until the map shows what the server has.
  if (version < 0) return { cls: "reconnecting", text: "Loading the map…" };
  if (down.length) {
    return {
      cls: "engine-down",
      text: down.map((e) => `Engine ${e.id} ${e.status}${e.error ? `: ${e.error}` : ""}`).join("; "),
    };
  }
  return { cls: "live", text: `Live · version ${version}` };
}

export function showStatus(root, statusEl, socketState, model) {
  const { cls, text } = statusOf(socketState, model.engines.values(), model.version);
  statusEl.textContent = text;
  statusEl.className = `status status-${cls}`;
  root.dataset.state = cls;
  root.dataset.version = String(model.version);
}
