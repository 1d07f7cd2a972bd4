"""The flow book in Redis, for several dashboard processes: a probe's report reaches one of
them, and every one answers /api/flows from what all reports said. Each engine's sightings
are a sorted set scored by when they were last seen, so the window is a range and the
oldest go first, as in the in-memory book; when a probe last reported is a key of its
own per engine, gone with the rest after the same time."""

import json
import time

import redis

from dashboard.live import flow_limits
from dashboard.topology.flows import Connection


class FlowBookUnavailable(Exception):
    """Redis did not answer: nothing was kept or read."""


def _member(cid: str, conn: Connection, serving: bool) -> str:
    c = conn
    return json.dumps([cid, c.proto, c.client, c.client_port, c.server, c.server_port, serving])


def _sighting(member: bytes) -> tuple[str, Connection, bool]:
    cid, proto, client, client_port, server, server_port, serving = json.loads(member)
    return cid, Connection(proto, client, client_port, server, server_port), serving


class RedisFlowBook:
    def __init__(
        self, url: str, prefix: str = "dashboard:flows:", keep: float | None = None, clock=time.time
    ):
        self.keep = keep if keep is not None else max(flow_limits.WINDOWS.values())
        self.clock, self.prefix = clock, prefix
        self.redis = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)

    def _key(self, engine: str) -> str:
        return f"{self.prefix}engine:{engine}"

    def _hosts_key(self, engine: str) -> str:
        return f"{self.prefix}hosts:{engine}"

    def _reported_key(self, engine: str) -> str:
        return f"{self.prefix}reported:{engine}"

    def record(
        self,
        engine: str,
        seen: dict[str, list[tuple[Connection, bool]]],
        host_addresses: tuple[str, ...] = (),
    ) -> None:
        now = self.clock()
        key = self._key(engine)
        scores = {_member(cid, c, s): now for cid, found in seen.items() for c, s in found}
        ttl = max(1, int(self.keep) + 1)
        try:
            with self.redis.pipeline() as p:
                if scores:
                    p.zadd(key, scores)
                p.zremrangebyscore(key, "-inf", f"({now - self.keep}")
                p.zremrangebyrank(key, 0, -(flow_limits.MAX_ENTRIES + 1))
                p.expire(key, ttl)
                p.set(self._hosts_key(engine), json.dumps(list(host_addresses)), ex=ttl)
                p.set(self._reported_key(engine), repr(now), ex=ttl)
                p.sadd(self.prefix + "engines", engine)
                p.expire(self.prefix + "engines", ttl)
                p.execute()
        except redis.RedisError as e:
            raise FlowBookUnavailable(str(e)) from e

    def within(self, engine: str, seconds: float) -> dict[str, list[tuple[Connection, bool]]]:
        since = self.clock() - seconds
        try:
            members = self.redis.zrangebyscore(self._key(engine), since, "+inf")
        except redis.RedisError as e:
            raise FlowBookUnavailable(str(e)) from e
        out: dict[str, list[tuple[Connection, bool]]] = {}
        for m in members:
            cid, conn, serving = _sighting(m)
            out.setdefault(cid, []).append((conn, serving))
        return out

    def host_addresses(self, engine: str) -> tuple[str, ...]:
        """`engine`'s host's own addresses, as its probe's last report said them."""
        try:
            said = self.redis.get(self._hosts_key(engine))
        except redis.RedisError as e:
            raise FlowBookUnavailable(str(e)) from e
        return tuple(json.loads(said)) if said else ()

    def last_reports(self) -> dict[str, float]:
        """When each engine's probe last reported (epoch seconds), for those that did
        within what the book keeps."""
        engines = self.engines()
        if not engines:
            return {}
        try:
            said = self.redis.mget([self._reported_key(e) for e in engines])
        except redis.RedisError as e:
            raise FlowBookUnavailable(str(e)) from e
        return {e: float(at) for e, at in zip(engines, said, strict=True) if at is not None}

    def clear(self) -> None:
        try:
            for engine in self.engines():
                keys = self._key(engine), self._hosts_key(engine), self._reported_key(engine)
                self.redis.delete(*keys)
            self.redis.delete(self.prefix + "engines")
        except redis.RedisError as e:
            raise FlowBookUnavailable(str(e)) from e

    def engines(self) -> list[str]:
        try:
            return sorted(e.decode() for e in self.redis.smembers(self.prefix + "engines"))
        except redis.RedisError as e:
            raise FlowBookUnavailable(str(e)) from e
