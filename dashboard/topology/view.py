"""What the map's filters leave (static/js/filters.js), for the server's diagram exports:
the same rules, held to the same answers by tests/shared/filter-cases.json."""

from dataclasses import dataclass

from dashboard.topology.store import Topology


@dataclass(frozen=True)
class Filters:
    hide_stopped: bool = False
    hide_hostnone: bool = False
    driver: str = ""
    label: str = ""  # a label key, or key=value
    only_exposed: bool = False
    project: str = ""  # "engine|project"

    @classmethod
    def from_query(cls, q) -> "Filters":
        """From query parameters, as the map's export links send them."""
        flag = {"1", "true", "on", "yes"}
        return cls(
            hide_stopped=q.get("hide_stopped", "") in flag,
            hide_hostnone=q.get("hide_hostnone", "") in flag,
            driver=q.get("driver", ""),
            label=q.get("label", "").strip(),
            only_exposed=q.get("only_exposed", "") in flag,
            project=q.get("project", ""),
        )


def label_matches(labels: dict, query: str) -> bool:
    if not query:
        return True
    key, sep, value = query.partition("=")
    return key in labels and (not sep or labels[key] == value)


def project_key(rec) -> str:
    return f"{rec.engine}|{rec.compose_project}" if rec.compose_project else ""


def exposed(c) -> bool:
    return c.host_network or any(p.published for p in c.ports)


def visible(t: Topology, f: Filters) -> tuple[set[str], set[str]]:
    """The ids of the networks and containers the filters leave."""
    networks = {
        n.id
        for n in t.networks.values()
        if not (f.hide_hostnone and n.driver in ("host", "null"))
        and (not f.driver or n.driver == f.driver)
    }
    attached: dict[str, set[str]] = {}
    for e in t.endpoints.values():
        attached.setdefault(e.container, set()).add(e.network)
    containers = set()
    for c in t.containers.values():
        on = set(c.networks) | attached.get(c.id, set())
        on_shown = bool(on & networks) or (not f.driver and not c.networks)
        if (
            not (f.hide_stopped and not c.live)
            and on_shown
            and label_matches(c.labels, f.label)
            and (not f.only_exposed or exposed(c))
            and (not f.project or project_key(c) == f.project)
        ):
            containers.add(c.id)
    if f.label or f.only_exposed or f.project:
        used = set()
        for cid in containers:
            used |= set(t.containers[cid].networks) | attached.get(cid, set())
        for nid in list(networks):
            n = t.networks[nid]
            own = label_matches(n.labels, f.label) and (
                not f.project or project_key(n) == f.project
            )
            matches = bool(f.label or f.project) and own and not f.only_exposed
            if not matches and nid not in used:
                networks.discard(nid)
    return networks, containers
