"""The message shapes that travel through the channel layer and the WebSocket."""

import json

from dashboard.topology.serialize import patch_dict, snapshot_dict, topology_dict
from dashboard.topology.store import Patch, Topology

GROUP = "topology"  # every socket, and every follower process
# With Redis (DASHBOARD_REDIS_URL), between the lease holder and every process's copy:
WATCHER_CHANNEL = "dashboard.watcher"  # followers ask the holder for a snapshot here
WATCHERS_GROUP = "topology.watchers"  # the holder's heartbeat, to followers only


def patch_event(patch: Patch) -> dict:
    """A channel-layer message carrying the patch already encoded, so a fan-out to many
    sockets encodes it once."""
    return {
        "type": "topology.patch",
        "base": patch.base,
        "version": patch.version,
        "text": json.dumps(patch_dict(patch), separators=(",", ":")),
    }


def snapshot_text(topology: Topology) -> str:
    return json.dumps(snapshot_dict(topology), separators=(",", ":"))


def session_group(session_key: str) -> str:
    """The group of the sockets opened with one login session, closed on logout."""
    return f"session.{session_key}"


def topology_event(topology: Topology) -> dict:
    """The watcher process's answer to a follower's request for a snapshot."""
    return {
        "type": "topology.snapshot",
        "version": topology.version,
        "text": json.dumps(topology_dict(topology), separators=(",", ":")),
    }
