"""The diagram writers: every format well-formed, Docker's hostile text kept as text."""

import re
import xml.etree.ElementTree as ET

import pytest

from dashboard.topology.export import diagram, drawio, mermaid, svg
from dashboard.topology.records import (
    Container,
    ContainerView,
    Endpoint,
    EngineState,
    IpamPool,
    Network,
    PortBinding,
)
from dashboard.topology.store import Store
from dashboard.topology.view import Filters

HOSTILE = '<img src=x onerror="alert(1)"> & #35; `x` "q"'


def topology():
    s = Store()
    s.set_engine(EngineState(id="local", status="connected", host="box"))
    net = Network(
        id="n" * 64,
        engine="local",
        name=HOSTILE,
        driver="bridge",
        ipam=(IpamPool("10.9.0.0/24", "10.9.0.1"),),
    )
    web = Container(
        id="w" * 64,
        engine="local",
        name="web",
        state="running",
        networks=(net.id,),
        ports=(PortBinding(80, "tcp", "0.0.0.0", 8080),),
        labels={"x": HOSTILE},
    )
    odd = Container(
        id="o" * 64, engine="local", name=f"odd{HOSTILE}", state="exited", networks=(net.id,)
    )
    s.replace_engine(
        "local",
        [net],
        [ContainerView(web, (Endpoint(net.id, web.id, ipv4="10.9.0.2/24"),)), ContainerView(odd)],
    )
    return s.current


def texts(root) -> str:
    return " ".join(t for t in root.itertext())


def test_the_svg_is_well_formed_with_the_names_as_text_and_no_script():
    out = svg.write(diagram.build(topology()))
    root = ET.fromstring(out)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    tags = {el.tag.split("}")[1] for el in root.iter()}
    assert "script" not in tags and "foreignObject" not in tags and "image" not in tags
    assert not any(k.startswith("on") for el in root.iter() for k in el.attrib)
    assert HOSTILE in texts(root) and f"odd{HOSTILE}" in texts(root)
    assert "0.0.0.0:8080 → 80/tcp" in texts(root) and "10.9.0.2/24" in texts(root)


def test_the_mermaid_text_keeps_docker_text_in_entity_codes_only():
    out = mermaid.write(diagram.build(topology()))
    assert out.startswith("graph LR\n")
    assert "<img" not in out and 'onerror="' not in out and "`" not in out
    assert mermaid.text(HOSTILE) in out
    for line in out.splitlines()[1:]:
        assert re.match(
            r'^\s+(subgraph [a-z]\d+\["[^"]*"\]|end|[a-z]\d+(\[|\(\[|\[/)"[^"]*"|'
            r'[a-z]\d+ \S+( \|"[^"]*"\|)? ?[a-z]\d+|[a-z]\d+ [-.=>]+(\|"[^"]*"\|)? [a-z]\d+|'
            r"style [a-z]\d+ stroke:#[0-9a-f]{6})",
            line,
        ), line


def test_mermaid_entity_codes_round_trip_every_syntax_character():
    assert mermaid.text('a"b<c>#d;|e') == "a#34;b#60;c#62;#35;d#59;#124;e"


def test_the_drawio_file_is_a_consistent_mxgraph_model_with_plain_text_labels():
    out = drawio.write(diagram.build(topology()))
    root = ET.fromstring(out)
    cells = root.findall(".//mxCell")
    ids = [c.get("id") for c in cells]
    assert len(ids) == len(set(ids))
    for c in cells[1:]:
        assert c.get("parent") in ids
    for e in (c for c in cells if c.get("edge") == "1"):
        assert e.get("source") in ids and e.get("target") in ids
    values = [c.get("value") for c in cells if c.get("vertex") == "1"]
    assert any(v.startswith(HOSTILE) for v in values)
    assert all("html=0" in c.get("style") for c in cells if c.get("vertex") == "1")


@pytest.mark.parametrize("write", [svg.write, mermaid.write, drawio.write])
def test_filters_leave_out_what_the_map_hides(write):
    everything = write(diagram.build(topology()))
    running = write(diagram.build(topology(), Filters(hide_stopped=True)))
    assert "odd" in everything and "odd" not in running


def two_engines_one_overlay():
    s = Store()
    for engine in ("a", "b"):
        s.set_engine(EngineState(id=engine, status="connected"))
        ov = Network(id="v" * 25, engine=engine, name="span", driver="overlay", scope="swarm")
        c = Container(id=engine * 64, engine=engine, name=f"on-{engine}", state="running",
                      networks=(ov.id,))  # fmt: skip
        s.replace_engine(engine, [ov], [ContainerView(c, (Endpoint(ov.id, c.id, "10.0.1.3/24"),))])
    return s.current


def test_a_network_across_engines_is_drawn_once_in_no_engines_box():
    d = diagram.build(two_engines_one_overlay())
    (n,) = [n for n in d.nodes if n.kind == "network"]
    assert n.parent == "" and "across a, b" in n.lines
    text = mermaid.write(d)
    assert text.count("span") == 1
    network_line = next(line for line in text.splitlines() if "span" in line)
    assert not network_line.startswith("    ")  # declared outside the subgraphs
    cells = ET.fromstring(drawio.write(d)).findall(".//mxCell")
    (cell,) = [c for c in cells if (c.get("value") or "").startswith("span")]
    assert cell.get("parent") == "1"
