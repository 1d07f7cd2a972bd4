"""How much history to keep and how often to snapshot (read by settings: no Django here)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    days: float = 30
    changes: int = 1_000_000
    snapshot_every: int = 500  # changes between two snapshots
    snapshot_seconds: float = 600  # and at least this often while anything changes
