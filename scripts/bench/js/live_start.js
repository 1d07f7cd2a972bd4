// The live rows' start, one container `cid`: notes the wall-clock time the patch that shows
// it running is applied to the model, and when the frame after the map's flush of it has
// run: Cytoscape's own callback for that frame is queued before ours, so by then it has
// drawn the change.
(cid) => {
  window.__applied = 0;
  window.__seen = 0;
  const { model, renderer } = window.dashboardMap;
  const apply = model.applyPatch.bind(model);
  model.applyPatch = (msg) => {
    const changed = apply(msg);
    const c = model.containers.get(cid);
    if (!window.__applied && c && c.state === "running") window.__applied = Date.now();
    return changed;
  };
  const draw = renderer.patch.bind(renderer);
  let drawing = false;
  renderer.patch = (changed) => {
    draw(changed);
    if (window.__applied && !drawing && changed.containers.includes(cid)) {
      drawing = true;
      requestAnimationFrame(() => {
        window.__seen = Date.now();
      });
    }
  };
};
