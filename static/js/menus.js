// The toolbar's menus and the legend: native <details>, so a click or Enter/Space on the
// summary opens them without this. What this adds: aria-expanded kept true to the state,
// Escape or a click elsewhere closes a menu (one open at a time), and the legend remembers
// whether it was left open.

function mirrorExpanded(details) {
  const summary = details.querySelector(":scope > summary");
  const sync = () => summary.setAttribute("aria-expanded", String(details.open));
  details.addEventListener("toggle", sync);
  sync();
}

export function bindMenus(menus) {
  for (const menu of menus) {
    mirrorExpanded(menu);
    menu.addEventListener("toggle", () => {
      if (menu.open) for (const other of menus) if (other !== menu) other.open = false;
    });
  }
  document.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    const open = menus.find((m) => m.open);
    if (!open) return;
    open.open = false;
    open.querySelector(":scope > summary").focus();
  });
  // A click outside (on the map, say) closes what is open; the event still does its job.
  document.addEventListener("pointerdown", (e) => {
    for (const menu of menus) if (menu.open && !menu.contains(e.target)) menu.open = false;
  });
}

// A <details> whose open state outlives the page, under `key` in localStorage.
export function rememberOpen(details, key) {
  mirrorExpanded(details);
  let saved = null;
  try {
    saved = localStorage.getItem(key);
  } catch {
    /* storage refused: the default stands */
  }
  if (saved !== null) details.open = saved === "open";
  details.addEventListener("toggle", () => {
    try {
      localStorage.setItem(key, details.open ? "open" : "closed");
    } catch {
      /* as above */
    }
  });
}
