// The burst rows: for each container of `ids`, the wall-clock time the open map's copy first
// has it running, and when the frame after the map's flush that holds it running has run.
(ids) => {
  window.__runningAt = {};
  window.__drawnAt = {};
  const wanted = new Set(ids);
  const { model, renderer } = window.dashboardMap;
  const apply = model.applyPatch.bind(model);
  model.applyPatch = (msg) => {
    const changed = apply(msg);
    const now = Date.now();
    for (const c of msg.upsert.containers) {
      if (wanted.has(c.id) && c.state === "running" && !window.__runningAt[c.id]) {
        window.__runningAt[c.id] = now;
      }
    }
    return changed;
  };
  // Drawn: the frame after the map's flush that holds it running.
  const draw = renderer.patch.bind(renderer);
  renderer.patch = (changed) => {
    draw(changed);
    const fresh = changed.containers.filter(
      (id) => wanted.has(id) && !(id in window.__drawnAt) && model.containers.get(id)?.state === "running",
    );
    for (const id of fresh) window.__drawnAt[id] = 0;
    if (fresh.length)
      requestAnimationFrame(() => {
        const now = Date.now();
        for (const id of fresh) window.__drawnAt[id] = now;
      });
  };
};
