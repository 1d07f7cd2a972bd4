// The topology socket: reconnects with backoff and jitter, hands each message on, and
// reports its state ("connecting" at each try, "open", "retry in N s"). A 4401 close means the
// session ended: go to the login page. A 4429 close means the server found this page asking
// for far more snapshots than a page should (dashboard/live/consumers.py): the page waits a
// minute before it comes back, longer each time it is closed so again, and says so.

export const CLOSE_LOGGED_OUT = 4401;
export const CLOSE_FLOODING = 4429;
export const FIRST_WAIT_MS = 500;
export const LONGEST_WAIT_MS = 10000;
export const FLOODING_FIRST_WAIT_MS = 60000;
export const FLOODING_LONGEST_WAIT_MS = 15 * 60000;

export function freshBackoff() {
  return { delay: FIRST_WAIT_MS, floods: 0 };
}

// After a close with `code`, of a socket that had opened (`opened`) or not: the next back-off
// state, the wait before the next try (before jitter) and whether it is for flooding.
// Reopening does not forgive flooding (a page that floods again at once would else be back
// every half second); a later ordinary close of an open socket does.
export function afterClose(state, code, opened) {
  if (code === CLOSE_FLOODING) {
    const floods = state.floods + 1;
    const wait = Math.min(FLOODING_FIRST_WAIT_MS * 2 ** (floods - 1), FLOODING_LONGEST_WAIT_MS);
    return { state: { delay: FIRST_WAIT_MS, floods }, wait, flooding: true };
  }
  const base = opened ? freshBackoff() : state;
  const wait = Math.min(base.delay, LONGEST_WAIT_MS);
  return { state: { delay: Math.min(base.delay * 2, LONGEST_WAIT_MS), floods: base.floods }, wait, flooding: false };
}

// What the status pill says while it waits.
export function waitingText(ms, flooding) {
  const s = `retry in ${Math.max(1, Math.round(ms / 1000))} s`;
  return flooding ? `the server closed the connection: this page asked for updates too often; ${s}` : s;
}

// `env` stands in for the browser in tests.
export function openSocket(
  { path, loginUrl, onMessage, onState },
  {
    WebSocketImpl = globalThis.WebSocket,
    schedule = globalThis.setTimeout?.bind(globalThis),
    random = Math.random,
    place = globalThis.location,
  } = {},
) {
  let backoff = freshBackoff();
  const handle = { socket: null };
  function connect() {
    const scheme = place.protocol === "https:" ? "wss" : "ws";
    const ws = new WebSocketImpl(`${scheme}://${place.host}${path}`);
    let opened = false;
    handle.socket = ws;
    onState("connecting");
    ws.onopen = () => {
      opened = true;
      onState("open");
    };
    ws.onmessage = (event) => {
      const at = performance.now();
      onMessage(JSON.parse(event.data), ws, at);
    };
    ws.onclose = (event) => {
      if (event.code === CLOSE_LOGGED_OUT) {
        place.href = loginUrl;
        return;
      }
      const next = afterClose(backoff, event.code, opened);
      backoff = next.state;
      const wait = next.wait * (0.75 + random() / 2);
      onState(waitingText(wait, next.flooding));
      schedule(connect, wait);
    };
  }
  connect();
  return handle;
}
