"""The message shapes that travel through the channel layer and the WebSocket."""

import json

from dashboard.topology.serialize import patch_dict, snapshot_dict
from dashboard.topology.store import Patch, Topology

GROUP = "topology"


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
