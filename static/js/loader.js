// The map page's one script: it loads Cytoscape, then the map's code (one bundle, built by
// `npm run build` from map.js and its modules), and retries either with backoff until it
// comes; so does a stylesheet that did not come. Chromium aborts the requests in flight (net::ERR_NETWORK_CHANGED) whenever Docker
// adds a bridge or a veth, and the browser never retries a failed module import: the same
// URL gives the cached failure, so each attempt asks for a URL of its own. It imports
// nothing, so that it is a single request; should that request be lost, the page's
// meta refresh loads the page again, which this script cancels once it runs (map.html).

export const FIRST_WAIT_MS = 500;
export const LONGEST_WAIT_MS = 10000;

// How long to wait after the given failed attempt (0 the first): doubling, capped, and
// jittered by a quarter either way so that many pages do not come back at once.
export function backoff(attempt, random = Math.random) {
  const base = Math.min(FIRST_WAIT_MS * 2 ** attempt, LONGEST_WAIT_MS);
  return base * (0.75 + random() / 2);
}

// The URL of an attempt: the first is the page's own (cacheable); later ones differ.
export function attemptUrl(url, attempt) {
  if (!attempt) return url;
  return `${url}${url.includes("?") ? "&" : "?"}attempt=${attempt}`;
}

// Runs `load(attempt)` until it resolves; after each failure tells `onRetry(ms, error)`
// and waits that long.
export async function retrying(load, onRetry, { wait = sleep, random = Math.random } = {}) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await load(attempt);
    } catch (error) {
      const ms = backoff(attempt, random);
      onRetry(ms, error);
      await wait(ms);
    }
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// A <script> or a stylesheet's <link> for `url`, settled when it loaded or failed.
function load(tag, url) {
  return new Promise((resolve, reject) => {
    const element = document.createElement(tag);
    if (tag === "link") {
      element.rel = "stylesheet";
      element.href = url;
    } else {
      element.src = url;
    }
    element.onload = () => resolve();
    element.onerror = () => {
      element.remove();
      reject(new Error(`${url} did not load`));
    };
    document.head.append(element);
  });
}

// A lost stylesheet leaves an empty sheet, or one whose rules may not be read.
function hasRules(link) {
  try {
    return link.sheet.cssRules.length > 0;
  } catch {
    return false;
  }
}

// The document's load event has passed, and the task that ran it is over (Chromium starts
// a meta refresh's timer at the end of that task; window.stop() cancels it only then).
async function pageLoaded() {
  if (document.readyState !== "complete")
    await new Promise((resolve) => addEventListener("load", resolve, { once: true }));
  await sleep(0);
}

async function start({ cytoscapeUrl, mapUrl }) {
  const root = document.getElementById("map-app");
  const pill = document.getElementById("live-status");
  const say = (text) => (ms, error) => {
    console.warn(`${text}: ${error}`); // what failed, for whoever looks
    pill.textContent = `${text} (retry in ${Math.max(1, Math.round(ms / 1000))} s)`;
    pill.className = "status status-reconnecting";
    root.dataset.state = "reconnecting";
  };
  await pageLoaded();
  window.stop(); // this script came: no last-resort reload (nothing of the page is in flight now)
  for (const link of document.querySelectorAll("link[rel=stylesheet]")) {
    if (hasRules(link)) continue;
    link.remove();
    // Not said in the pill, which the map's code may already own by then.
    retrying(
      (attempt) => load("link", attemptUrl(link.href, attempt + 1)),
      (ms, error) => console.warn(`Reloading the page's style: ${error}`),
    );
  }
  await retrying((attempt) => load("script", attemptUrl(cytoscapeUrl, attempt)), say("Reloading the map's library…"));
  await retrying((attempt) => import(attemptUrl(mapUrl, attempt)), say("Reloading the map's code…"));
}

const script = globalThis.document?.querySelector("script[data-map-url]");
if (script) start(script.dataset);
