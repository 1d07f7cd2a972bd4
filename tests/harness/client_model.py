"""What a WebSocket client holds after applying the snapshot and patches it was sent,
checked for order as it goes (the same rules as static/js/model.js)."""


class ClientModel:
    def __init__(self):
        self.version = -1
        self.networks, self.containers, self.endpoints, self.engines = {}, {}, {}, {}
        self.snapshots = 0
        self.patches = 0

    def apply(self, msg: dict) -> None:
        if msg["type"] == "snapshot":
            assert msg["version"] >= self.version, (
                f"went back: snapshot {msg['version']} after {self.version}"
            )
            t = msg["topology"]
            self.version = msg["version"]
            self.engines = {e["id"]: e for e in t["engines"]}
            self.networks = {n["id"]: n for n in t["networks"]}
            self.containers = {c["id"]: c for c in t["containers"]}
            self.endpoints = {(e["network"], e["container"]): e for e in t["endpoints"]}
            self.snapshots += 1
            return
        assert msg["type"] == "patch"
        assert msg["base"] == self.version, (
            f"gap: patch {msg['base']}->{msg['version']} after {self.version}"
        )
        for nid in msg["remove"]["networks"]:
            self.networks.pop(nid, None)
        for cid in msg["remove"]["containers"]:
            self.containers.pop(cid, None)
        for n, c in msg["remove"]["endpoints"]:
            self.endpoints.pop((n, c), None)
        for n in msg["upsert"]["networks"]:
            self.networks[n["id"]] = n
        for c in msg["upsert"]["containers"]:
            self.containers[c["id"]] = c
        for e in msg["upsert"]["endpoints"]:
            self.endpoints[(e["network"], e["container"])] = e
        for e in msg["engines"]:
            self.engines[e["id"]] = e
        self.version = msg["version"]
        self.patches += 1

    def topology(self) -> dict:
        """In /api/topology's shape, for docker_env.from_api."""
        return {
            "version": self.version,
            "engines": list(self.engines.values()),
            "networks": list(self.networks.values()),
            "containers": list(self.containers.values()),
            "endpoints": list(self.endpoints.values()),
        }
