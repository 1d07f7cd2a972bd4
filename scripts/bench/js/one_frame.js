// Resolves once the next frame has run.
() => new Promise((r) => requestAnimationFrame(r));
