// Tiny DOM builders. Text from Docker is hostile: it only ever goes in as textContent.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function table(headers, rows) {
  return el(
    "table",
    { class: "grid" },
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        headers.map((h) => el("th", { text: h })),
      ),
    ),
    el(
      "tbody",
      {},
      rows.length
        ? rows.map((r) =>
            el(
              "tr",
              {},
              r.map((cell) => el("td", typeof cell === "string" ? { title: cell } : {}, cell)),
            ),
          )
        : el("tr", {}, el("td", { colspan: headers.length, text: "None." })),
    ),
  );
}

export function kvTable(obj) {
  const entries = Object.entries(obj || {});
  return el(
    "table",
    { class: "grid kv" },
    el(
      "tbody",
      {},
      entries.length
        ? entries.map(([k, v]) => el("tr", {}, el("th", { text: k }), el("td", { text: v })))
        : el("tr", {}, el("td", { text: "None." })),
    ),
  );
}

export function facts(pairs) {
  return el(
    "dl",
    { class: "facts" },
    pairs.filter(([, v]) => v !== undefined && v !== "").flatMap(([k, v]) => [el("dt", { text: k }), el("dd", {}, v)]),
  );
}
