from dashboard.accounts.roles import is_operator
from dashboard.live.registry import get_hub
from dashboard.topology.records import CONNECTED


def engines(request):
    """Engines that are not connected, for the banner every page shows."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    states = get_hub().current.engines.values()
    return {
        "engine_problems": [e for e in states if e.status != CONNECTED],
        "can_operate": is_operator(request.user),
    }
