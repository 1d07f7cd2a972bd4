// The gaps between frames (ms) while the map pans by a few pixels a frame, 90 frames.
async () => {
  const cy = window.dashboardMap.cy;
  const gaps = [];
  let last = performance.now();
  for (let i = 0; i < 90; i += 1) {
    cy.panBy({ x: 12, y: 7 });
    await new Promise((r) => requestAnimationFrame(r));
    const now = performance.now();
    gaps.push(now - last);
    last = now;
  }
  return gaps;
};
