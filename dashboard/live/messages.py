"""The message shapes that travel through the channel layer and the WebSocket."""

import json
import uuid

from dashboard.topology.serialize import patch_dict, snapshot_dict, topology_dict
from dashboard.topology.store import Patch, Topology

GROUP = "topology"  # every socket, and every follower process
# With a separate watcher process (DASHBOARD_REDIS_URL, `manage.py watch`):
WATCHER_CHANNEL = "dashboard.watcher"  # followers ask the watcher process for a snapshot here
WATCHERS_GROUP = "topology.watchers"  # the watcher's heartbeat, to followers only
# This process's sockets: a follower tells them to take a fresh snapshot of its copy.
PROCESS_GROUP = f"topology.process.{uuid.uuid4().hex}"


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
