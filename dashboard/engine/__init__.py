"""Access to Docker engines. Only engine.client imports docker."""

from dashboard.engine.errors import (
    Conflict,
    EngineError,
    EngineUnavailable,
    InvalidRequest,
    NotAllowed,
    NotFound,
)

__all__ = [
    "Conflict",
    "EngineError",
    "EngineUnavailable",
    "InvalidRequest",
    "NotAllowed",
    "NotFound",
]
