"""The History page as a person reads it: one readable date-time per change that wraps
between date and time, where history begins (not a gap), and every change row saying on
which engine and what changed, swarm changes and engine changes included."""

import html
import re
from datetime import UTC, datetime

import pytest

from dashboard.history.recorder import Recorder
from dashboard.topology.records import CONNECTED, Container, ContainerView, EngineState, Network
from dashboard.topology.store import Store
from dashboard.topology.swarm_records import Service, SwarmNode

pytestmark = pytest.mark.django_db(transaction=True)
START = datetime(2026, 12, 7, 19, 10, 44, tzinfo=UTC).timestamp()


class Clock:
    now = START

    def __call__(self):
        return self.now


@pytest.fixture
def recorded():
    """A first start (one network, one container), the engine connecting, and a swarm
    service created: as the recorder writes them."""
    store, clock = Store(), Clock()
    store.set_engine(EngineState(id="a"))
    rec = Recorder(store.current, clock=clock)
    rec.start()
    web = Container(id="c1", engine="a", name="web1", state="created")
    patch = store.replace_engine(
        "a",
        [Network(id="n1", engine="a", name="net1", driver="bridge")],
        [ContainerView(web)],
        relist=True,
    )
    for change in (
        patch,
        store.set_engine(EngineState(id="a", status=CONNECTED, swarm="active", cluster="x")),
        store.replace_cluster(
            "x", [SwarmNode("nA", "x", "hosta", state="ready")], [Service("s1", "x", "api")], []
        ),
    ):
        clock.now += 54
        rec(change)
    rec.relisted("a")
    assert rec.flush(20)
    rec.stop()


def rows(page: str) -> list[str]:
    body = page[page.index('id="timeline"') :].split("</table>")[0]
    return body.split("<tr ")[1:]  # the header row is a bare <tr>


def text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def test_each_change_shows_one_readable_date_time_that_wraps_between_date_and_time(
    viewer_client, hub, recorded
):
    page = viewer_client.get("/history/").content.decode()
    first = rows(page)[-1]
    assert "2026-12-0719:11:38" not in page and "2026-12-07T19" not in text(page)
    when = first.split("</td>")[0]
    assert '<span class="date">2026-12-07</span> <span class="time">19:11:38</span>' in when
    assert '<time datetime="2026-12-07T19:11:38Z">' in when


def test_the_first_start_says_where_history_begins_not_a_gap(viewer_client, hub, recorded):
    page = viewer_client.get("/history/").content.decode()
    begin = rows(page)[-1]
    assert 'class="change-begin"' in begin and "change-gap" not in page
    said = text(begin)
    assert "history begins" in said
    assert "History begins for a: 1 network, 1 container present." in said
    assert "Nothing was recorded" not in said and " added" not in said
    assert "network net1 present" in said and "container web1 present" in said


def test_every_change_row_names_its_engine_and_what_changed(viewer_client, hub, recorded):
    page = viewer_client.get("/history/").content.decode()
    swarm, engine, _ = (r.split("</td>") for r in rows(page))
    assert text(engine[2]) == "a"
    assert "engine a changed: state connecting → connected; swarm none → active" in text(engine[3])
    assert text(swarm[1]) == "change" and text(swarm[2]) == "a"
    assert "node hosta added" in text(swarm[3]) and "service api added" in text(swarm[3])


def test_the_kind_filter_finds_where_history_begins(viewer_client, hub, recorded):
    page = viewer_client.get("/history/", {"kind": "begin"}).content.decode()
    assert len(rows(page)) == 1 and "History begins for a" in text(page)
    assert viewer_client.get("/history/", {"kind": "service"}).status_code == 200
