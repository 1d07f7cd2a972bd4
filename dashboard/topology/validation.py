"""What a network-create request must satisfy before it goes anywhere near Docker.

The daemon checks far less than the docker CLI, and some of what it accepts harms the host:
a subnet over the default bridge's given with an ip-range, or a bridge named docker0, makes
it delete docker0; an IPv4-mapped IPv6 subnet leaves a bridge and an ip6tables rule behind.
Each check returns (field, message) pairs in plain words; none needs Django or docker. The
checks live by subject: names and label keys in naming.py, address pools in
subnet_checks.py, the driver and its options in driver_options.py; the request itself in
network_spec.py.
"""

from dashboard.topology.addresses import parse_network
from dashboard.topology.driver_options import check_driver, check_options, check_parent_and_mode
from dashboard.topology.naming import name_problem, shell_note
from dashboard.topology.network_spec import Context, Errors, NetworkSpec
from dashboard.topology.subnet_checks import check_subnets, container_room


def notes(spec: NetworkSpec) -> list[str]:
    """What a valid request will give that the user may not expect: a name a shell needs
    quoted, small subnets."""
    quoted = shell_note(spec.name.strip())
    out = [quoted] if quoted else []
    for pool in spec.pools + spec.ipv6_pools:
        net = parse_network(pool.subnet) if pool.subnet.strip() else None
        if net is None:
            continue
        room = container_room(net)
        if room < 14:
            out.append(
                f"{net} holds {room} container{'' if room == 1 else 's'} (Docker keeps the "
                "first and last addresses, and the gateway takes one)."
            )
    return out


def validate(spec: NetworkSpec, ctx: Context) -> Errors:
    errors: Errors = []
    problem = name_problem(spec.name.strip(), ctx)
    if problem:
        errors.append(("name", problem))
    check_driver(spec, ctx, errors)
    check_subnets(spec, ctx, errors)
    check_options(spec, ctx, errors)
    check_parent_and_mode(spec, ctx, errors)
    return errors
