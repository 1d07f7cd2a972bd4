"""The view as a Mermaid flowchart: engines as subgraphs, networks, containers and the
host, with addresses and published ports on the edges. Node ids are the writer's own
(n1, c2, ...); Docker's text goes only into quoted labels, as Mermaid entity codes."""

from dashboard.topology.export.diagram import Diagram

ARROWS = {
    "endpoint": "---",
    "configured": "-.-",
    "shares": "-.->",
    "published": "==>",
    "loopback": "-.->",
    "hostnet": "===",
}


def text(value: str) -> str:
    """Docker's text inside a quoted Mermaid label: every character that Mermaid or the
    HTML it renders could read as syntax becomes an entity code."""
    out = []
    for ch in value:
        if ch.isalnum() or ch in " .,:/-_()[]→·@+*=!?'":
            out.append(ch)
        else:
            out.append(f"#{ord(ch)};")
    return "".join(out)


def write(d: Diagram) -> str:
    ids = {}
    for n in d.nodes:
        ids[n.id] = f"{n.kind[0]}{len(ids)}"
    shape = {"network": ('["', '"]'), "container": ('(["', '"])'), "host": ('[/"', '"/]')}

    def node(n, indent: str) -> str:
        label = "<br/>".join(text(line) for line in n.lines)
        open_, close = shape[n.kind]
        return f"{indent}{ids[n.id]}{open_}{label}{close}"

    out = ["graph LR"]
    for engine in (n for n in d.nodes if n.kind == "engine"):
        out.append(f'  subgraph {ids[engine.id]}["{text("engine " + engine.lines[0])}"]')
        out += [node(n, "    ") for n in d.nodes if n.parent == engine.id]
        out.append("  end")
    # In no engine's box: a network across engines.
    out += [node(n, "  ") for n in d.nodes if not n.parent and n.kind in shape]
    for e in d.edges:
        if e.source not in ids or e.target not in ids:
            continue
        arrow = ARROWS.get(e.kind, "---")
        label = f'|"{text(e.label)}"|' if e.label else ""
        out.append(f"  {ids[e.source]} {arrow}{label} {ids[e.target]}")
    for n in d.nodes:
        if n.kind in ("network", "container", "host"):
            out.append(f"  style {ids[n.id]} stroke:{n.colour}")
    return "\n".join(out) + "\n"
