"""The change a valid create or connect form describes, for the what-if preview
(dashboard.topology.whatif): the forms' words, one way for the pages and the API."""

from dashboard.topology.records import IpamPool
from dashboard.topology.whatif import Change, new_network


def change_of_create(form) -> Change:
    """The change a valid create form describes."""
    spec = form.spec
    return Change(
        "create",
        new=new_network(
            form.cleaned_data["engine"],
            spec.name,
            spec.driver,
            internal=spec.internal,
            attachable=spec.attachable,
            options=dict(spec.options),
            labels=dict(spec.labels),
            ipam=tuple(IpamPool(p.subnet, p.gateway, p.ip_range) for p in spec.pools),
        ),
    )


def change_of_connect(network_id: str, data: dict) -> Change:
    """The change a valid connect form describes."""
    return Change(
        "connect",
        network=network_id,
        container=data["container"],
        ipv4=data.get("ipv4", ""),
        ipv6=data.get("ipv6", ""),
        aliases=tuple(data.get("aliases", ())),
    )
