"""The view as a draw.io file (mxGraph XML): one vertex per engine, host, network and
container at the map's positions, one edge per attachment. Labels are plain text
(html=0), escaped as XML attribute values."""

from xml.sax.saxutils import quoteattr

from dashboard.topology.export.diagram import Diagram

TEXT = "whiteSpace=wrap;html=0;"  # html=0: labels are plain text, never markup
STYLES = {
    "engine": "rounded=1;" + TEXT + "fillColor=#f8fafc;strokeColor=#cbd5e1;verticalAlign=top;",
    "host": "rounded=1;" + TEXT + "fillColor=#fff7ed;strokeColor={colour};fontStyle=1;",
    "network": "rounded=1;"
    + TEXT
    + "fillColor=#ffffff;strokeColor={colour};strokeWidth=2;{dashed}",
    "container": "ellipse;"
    + TEXT
    + "fillColor={colour};strokeColor={colour};verticalLabelPosition=bottom;verticalAlign=top;"
    + "{dashed}",
}


def write(d: Diagram) -> str:
    cells = ['<mxCell id="0"/>', '<mxCell id="1" parent="0"/>']
    ids = {n.id: f"v{i}" for i, n in enumerate(d.nodes)}
    for n in d.nodes:
        style = STYLES[n.kind].format(colour=n.colour, dashed="dashed=1;" if n.dashed else "")
        parent = ids.get(n.parent, "1")
        x, y = n.x - n.width / 2, n.y - n.height / 2
        if parent != "1":  # draw.io places children relative to their parent
            p = d.node(n.parent)
            x, y = x - (p.x - p.width / 2), y - (p.y - p.height / 2)
        cells.append(
            f'<mxCell id="{ids[n.id]}" value={quoteattr(chr(10).join(n.lines))} '
            f'style={quoteattr(style)} vertex="1" parent="{parent}">'
            f'<mxGeometry x="{x:.1f}" y="{y:.1f}" width="{n.width:.1f}" height="{n.height:.1f}" '
            'as="geometry"/></mxCell>'
        )
    for i, e in enumerate(d.edges):
        if e.source not in ids or e.target not in ids:
            continue
        dashed = "dashed=1;" if e.kind in ("configured", "loopback", "shares") else ""
        style = f"endArrow=none;html=0;strokeColor={e.colour};{dashed}"
        if e.kind in ("published", "loopback"):
            style = style.replace("endArrow=none", "endArrow=classic")
        cells.append(
            f'<mxCell id="e{i}" value={quoteattr(e.label)} style={quoteattr(style)} edge="1" '
            f'parent="1" source="{ids[e.source]}" target="{ids[e.target]}">'
            '<mxGeometry relative="1" as="geometry"/></mxCell>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<mxfile host="docker-network-dashboard"><diagram name="Docker networks" id="networks">'
        "<mxGraphModel><root>" + "".join(cells) + "</root></mxGraphModel></diagram></mxfile>\n"
    )
