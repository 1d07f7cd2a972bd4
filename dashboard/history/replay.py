"""The map at a past moment, rebuilt from JSON as history stores it: a snapshot in
/api/topology's shape, then patches in the sockets' shape, applied in order whatever their
versions (a takeover makes versions jump). Pure functions on plain dicts."""

KINDS = ("engines", "networks", "containers", "endpoints", "nodes", "services", "tasks")
REMOVABLE = ("networks", "containers", "nodes", "services", "tasks")


def key(kind: str, obj: dict):
    return (obj["network"], obj["container"]) if kind == "endpoints" else obj["id"]


def indexed(topology: dict) -> dict:
    """/api/topology's lists as dicts by key, to apply patches to."""
    out = {kind: {key(kind, o): o for o in topology.get(kind, [])} for kind in KINDS}
    out["version"] = topology.get("version", 0)
    return out


def listed(state: dict) -> dict:
    """Back to /api/topology's shape."""
    return {"version": state["version"], **{kind: list(state[kind].values()) for kind in KINDS}}


def apply(state: dict, patch: dict) -> None:
    """Apply one patch (patch_dict's shape) to an indexed state, in place."""
    for kind in REMOVABLE:
        for object_id in patch["remove"].get(kind, ()):
            state[kind].pop(object_id, None)
    for network, container in patch["remove"]["endpoints"]:
        state["endpoints"].pop((network, container), None)
    for kind in KINDS[1:]:
        for obj in patch["upsert"].get(kind, ()):
            state[kind][key(kind, obj)] = obj
    for engine in patch["engines"]:
        state["engines"][engine["id"]] = engine
    state["version"] = patch["version"]


def compared(before: dict, after: dict) -> dict:
    """What changed between two indexed states: objects that appeared, vanished, or (for
    containers) moved, meaning their networks or addresses differ."""

    def addresses(state, container_id):
        return sorted(
            (e["network"], e.get("ipv4", ""), e.get("ipv6", ""))
            for e in state["endpoints"].values()
            if e["container"] == container_id
        )

    out = {}
    for kind in ("networks", "containers"):
        out[kind] = {
            "appeared": sorted(set(after[kind]) - set(before[kind])),
            "vanished": sorted(set(before[kind]) - set(after[kind])),
        }
    out["containers"]["moved"] = sorted(
        cid
        for cid in set(before["containers"]) & set(after["containers"])
        if addresses(before, cid) != addresses(after, cid)
    )
    return out
