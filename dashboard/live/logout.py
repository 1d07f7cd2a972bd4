"""Close a session's open sockets when it logs out."""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from dashboard.live.messages import session_group


def close_session_sockets(sender, request, user, **kwargs):
    key = getattr(getattr(request, "session", None), "session_key", None)
    layer = get_channel_layer()
    if key and layer is not None:
        async_to_sync(layer.group_send)(session_group(key), {"type": "session.logout"})
