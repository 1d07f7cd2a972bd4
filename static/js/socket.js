// The topology socket: reconnects with backoff and jitter, hands each message on, and
// reports its state ("connecting" at each try, "open", "retry in N s"). A 4401 close means the
// session ended: go to the login page.

export function openSocket({ path, loginUrl, onMessage, onState }) {
  let delay = 500;
  const handle = { socket: null };
  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const ws = new WebSocket(`${scheme}://${location.host}${path}`);
    handle.socket = ws;
    onState("connecting");
    ws.onopen = () => { delay = 500; onState("open"); };
    ws.onmessage = (event) => { const at = performance.now(); onMessage(JSON.parse(event.data), ws, at); };
    ws.onclose = (event) => {
      if (event.code === 4401) { location.href = loginUrl; return; }
      const wait = Math.min(delay, 10000) * (0.75 + Math.random() / 2);
      delay = Math.min(delay * 2, 10000);
      onState(`retry in ${Math.round(wait / 1000)} s`);
      setTimeout(connect, wait);
    };
  }
  connect();
  return handle;
}
