// From the patch's message (the socket's handler) to the end of the frame after the map's
// flush of it (window.__drawn); and Cytoscape's work in that frame, from its frame callback
// (the drawn style worked out, boxes sized) to the end of its drawing (window.__frame).
// Run again before each patch: it resets the figures and hooks the map once.
() => {
  window.__drawn = 0;
  window.__frame = null;
  window.__frameAt = null;
  window.__t0 = null;
  if (window.__drawnHooked) return;
  window.__drawnHooked = true;
  const { model, renderer, cy } = window.dashboardMap;
  const apply = model.applyPatch.bind(model);
  model.applyPatch = (msg) => {
    window.__t0 ??= performance.now();
    return apply(msg);
  };
  const draw = renderer.patch.bind(renderer);
  renderer.patch = (changed) => {
    draw(changed);
    requestAnimationFrame(() => {
      window.__drawn = performance.now() - window.__t0;
    });
  };
  const r = cy.renderer();
  r.beforeRender((willDraw) => {
    if (!willDraw || window.__t0 === null || window.__frameAt !== null) return;
    window.__frameAt = performance.now();
  }, Infinity);
  const render = r.render.bind(r);
  r.render = (options) => {
    const out = render(options);
    if (window.__frameAt === null || window.__frame !== null) return out;
    window.__frame = performance.now() - window.__frameAt;
    return out;
  };
};
