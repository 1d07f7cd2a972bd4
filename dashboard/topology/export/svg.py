"""The view as SVG: the map's shapes and colours at the map's positions, text as text."""

from xml.sax.saxutils import escape, quoteattr

from dashboard.topology.export.diagram import Diagram

FONT = "system-ui, sans-serif"


def write(d: Diagram) -> str:
    if not d.nodes:
        return (
            '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40">'
            '<text x="10" y="25">Nothing to show.</text></svg>\n'
        )
    left = min(n.x - n.width / 2 for n in d.nodes) - 20
    top = min(n.y - n.height / 2 for n in d.nodes) - 20
    width = max(n.x + n.width / 2 for n in d.nodes) + 20 - left
    height = max(n.y + n.height / 2 for n in d.nodes) + 40 - top
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="{left:.1f} {top:.1f} {width:.1f} {height:.1f}" '
        f'width="{width:.0f}" height="{height:.0f}" font-family={quoteattr(FONT)}>',
        "<title>Docker networks</title>",
        f'<rect x="{left:.1f}" y="{top:.1f}" width="{width:.1f}" height="{height:.1f}" '
        'fill="#ffffff"/>',
    ]
    where = {n.id: n for n in d.nodes}
    for n in d.nodes:
        if n.kind == "engine":
            out.append(_box(n, fill="#f8fafc", rx=8))
            out.append(_text(n.x, n.y - n.height / 2 + 18, n.lines, 14, "#1d2733", weight="600"))
    for e in d.edges:
        a, b = where.get(e.source), where.get(e.target)
        if a is None or b is None:
            continue
        dash = ' stroke-dasharray="5 4"' if e.kind in ("configured", "loopback", "shares") else ""
        width = 4 if e.kind == "hostnet" else 2 if e.kind in ("published", "loopback") else 1.2
        out.append(
            f'<line x1="{a.x:.1f}" y1="{a.y:.1f}" x2="{b.x:.1f}" y2="{b.y:.1f}" '
            f'stroke="{e.colour}" stroke-width="{width}"{dash}>'
            f"<title>{escape(e.label)}</title></line>"
        )
        if e.label:
            out.append(_text((a.x + b.x) / 2, (a.y + b.y) / 2, [e.label], 8, "#334155"))
    for n in d.nodes:
        if n.kind == "host":
            out.append(_box(n, fill="#fff7ed", rx=6, width=2))
            out.append(_text(n.x, n.y + 4, n.lines, 11, "#1d2733", weight="600"))
        elif n.kind == "network":
            out.append(_box(n, fill=n.colour, rx=8, width=3 if n.dashed else 2, opacity=0.15))
            out.append(_text(n.x, n.y - 10, n.lines, 10, "#1d2733"))
        elif n.kind == "container":
            out.append(
                f'<circle cx="{n.x:.1f}" cy="{n.y:.1f}" r="{n.width / 2:.1f}" fill="{n.colour}"'
                f"{' opacity=' + quoteattr('0.45') if n.dashed else ''}>"
                f"<title>{escape(' · '.join(n.lines))}</title></circle>"
            )
            out.append(_text(n.x, n.y + n.height / 2 + 10, n.lines[:1], 9, "#1d2733"))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _box(n, fill, rx, width=1, opacity=1.0) -> str:
    dash = ' stroke-dasharray="6 4"' if n.dashed else ""
    return (
        f'<rect x="{n.x - n.width / 2:.1f}" y="{n.y - n.height / 2:.1f}" width="{n.width:.1f}" '
        f'height="{n.height:.1f}" rx="{rx}" fill="{fill}" fill-opacity="{opacity}" '
        f'stroke="{n.colour}" stroke-width="{width}"{dash}/>'
    )


def _text(x, y, lines, size, colour, weight="400") -> str:
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else size + 2}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-weight="{weight}" '
        f'fill="{colour}" text-anchor="middle">{spans}</text>'
    )
