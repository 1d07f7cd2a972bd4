// A pool's gateway as the map shows it: the configured one, or, where the IPAM config names
// none (`docker network inspect bridge` on some engines), the one the network's endpoints
// report, marked as read from them. The server's rule is records.pool_gateways; both are
// held to tests/shared/gateway-cases.json. Pure: no DOM.

// An IPv4 or IPv6 address as { bits, value } (value a BigInt), or null.
export function parseAddress(text) {
  const s = String(text);
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(s)) {
    const parts = s.split(".");
    // Python's ipaddress refuses leading zeros (they read as octal elsewhere).
    if (parts.some((p) => p.length > 1 && p.startsWith("0")) || parts.some((p) => Number(p) > 255)) return null;
    return { bits: 32, value: parts.reduce((v, p) => (v << 8n) | BigInt(p), 0n) };
  }
  return parseIpv6(s);
}

function parseIpv6(s) {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(":")) return null;
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const groups = (half) => (half === "" ? [] : half.split(":"));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const words = [];
  const all = [...head, ...tail];
  // A dotted IPv4 address may end it (::ffff:1.2.3.4), as two groups.
  const last = all.at(-1);
  let ipv4 = null;
  if (last !== undefined && last.includes(".")) {
    ipv4 = parseAddress(last);
    if (!ipv4 || ipv4.bits !== 32 || (halves.length === 2 && !tail.length)) return null;
    (tail.length ? tail : head).pop();
  }
  for (const g of [...head, ...tail]) if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
  const given = head.length + tail.length + (ipv4 ? 2 : 0);
  if (halves.length === 2 ? given > 7 : given !== 8) return null;
  const fill = halves.length === 2 ? 8 - given : 0;
  words.push(...head.map((g) => BigInt(`0x${g}`)), ...Array(fill).fill(0n), ...tail.map((g) => BigInt(`0x${g}`)));
  let value = words.reduce((v, w) => (v << 16n) | w, 0n);
  if (ipv4) value = (value << 32n) | ipv4.value;
  return { bits: 128, value };
}

// A subnet in CIDR form (host bits tolerated, as Docker stores them) as { bits, prefix, base }, or null.
export function parseSubnet(text) {
  const [address, length, ...rest] = String(text).trim().split("/");
  const a = parseAddress(address);
  if (!a || rest.length) return null;
  const prefix = length === undefined ? a.bits : /^\d+$/.test(length) ? Number(length) : NaN;
  if (!(prefix >= 0 && prefix <= a.bits)) return null;
  const hostBits = BigInt(a.bits - prefix);
  return { bits: a.bits, prefix, base: (a.value >> hostBits) << hostBits };
}

export function inSubnet(address, subnet) {
  const a = parseAddress(address);
  if (!a || a.bits !== subnet.bits) return false;
  const hostBits = BigInt(subnet.bits - subnet.prefix);
  return (a.value >> hostBits) << hostBits === subnet.base;
}

// Each of the network's pools as { pool, gateway, fromEndpoints }; `endpoints` may hold other
// networks' (ignored). A pool without a configured gateway takes the one most of its
// endpoints report inside its subnet (ties: the greater text, as the server breaks them);
// none reported leaves it blank.
export function poolGateways(network, endpoints) {
  const reported = new Map();
  for (const e of endpoints) {
    if (e.network !== network.id) continue;
    for (const gw of [e.gateway, e.ipv6_gateway]) if (gw) reported.set(gw, (reported.get(gw) || 0) + 1);
  }
  return network.ipam.map((pool) => {
    const subnet = parseSubnet(pool.subnet);
    if (pool.gateway || !subnet) return { pool, gateway: pool.gateway, fromEndpoints: false };
    let best = "";
    for (const [gw, count] of reported) {
      if (!inSubnet(gw, subnet)) continue;
      const top = reported.get(best) || 0;
      if (count > top || (count === top && gw > best)) best = gw;
    }
    return { pool, gateway: best, fromEndpoints: Boolean(best) };
  });
}

// How a gateway reads in one line of text: "172.17.0.1 (from endpoints)".
export const FROM_ENDPOINTS = "(from endpoints)";
export const FROM_ENDPOINTS_TITLE =
  "The network's IPAM config names no gateway; its containers' endpoints report this one.";
export function gatewayText({ gateway, fromEndpoints }) {
  return gateway && fromEndpoints ? `${gateway} ${FROM_ENDPOINTS}` : gateway;
}
