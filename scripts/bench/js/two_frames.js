// Resolves once two frames have run: the one drawing what was just done, and the next.
() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
