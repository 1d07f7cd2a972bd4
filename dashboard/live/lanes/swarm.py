"""The swarm lane: a manager's reads of its whole swarm (nodes, services, tasks), and what
/info says of an engine's place in a swarm."""

import asyncio

from dashboard.engine.client import EngineClient
from dashboard.engine.errors import EngineError, EngineUnavailable
from dashboard.live.lanes.lane import Lane, WithTask
from dashboard.topology.records import EngineState
from dashboard.topology.store import Store

# The EngineState facts that place an engine in a swarm, and the ticks to relist on after
# they change.
SWARM_PLACE = ("swarm", "node_id", "cluster", "manager")
SETTLE_TICKS = 2
# After a service or node event, or one of a task's container anywhere, a manager reads its
# swarm again at these delays (seconds): tasks have no events of their own.
CLUSTER_FOLLOW_UP = (0.0, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0)
ALIVE_TIMEOUT = 1  # seconds for /_ping when /info waits on the swarm
NO_LEADER = (
    "This manager cannot reach a leader of its swarm (quorum lost?): the swarm is shown "
    "as last read."
)


def read_info(client: EngineClient, old: EngineState) -> dict:
    """/info; or, when it times out while /_ping answers, what was known (`old`), marked
    so: a manager whose swarm has no leader makes /info wait on the swarm, and the engine
    is not down for that. (On a lane's thread.)"""
    try:
        return client.info()
    except EngineUnavailable:
        if not old.manager:
            raise  # only a manager's /info waits on its swarm
        # Raises when the daemon itself is gone; briefly, so that a hung one is still
        # marked within a few seconds. A client of its own: this runs on any lane.
        alive = EngineClient(client.name, client.url, ALIVE_TIMEOUT)
        try:
            alive.ping()
        finally:
            alive.close()
    return {
        "server_version": old.server_version,
        "swarm": old.swarm,
        "drivers": old.drivers,
        "host": old.host,
        "node_id": old.node_id,
        "cluster": old.cluster,
        "swarm_manager": old.manager,
        "node_addr": old.node_addr,
        "time_nano": 0,
        "stuck": True,
    }


def swarm_facts(info: dict, old: EngineState | None) -> dict:
    """The EngineState fields /info gives, `old` being what was known."""
    facts = {
        "server_version": info["server_version"],
        "swarm": info["swarm"],
        "drivers": info["drivers"],
        "node_id": info["node_id"],
        "cluster": info["cluster"],
        "manager": info["swarm_manager"],
        "node_addr": info["node_addr"],
    }
    if facts["manager"] and info.get("stuck"):
        facts["cluster_error"] = NO_LEADER
    elif facts["manager"] and not facts["cluster"] and old is not None and old.cluster:
        # A manager without a leader leaves the cluster out of /info: the same swarm.
        facts["cluster"] = old.cluster
        facts["cluster_error"] = NO_LEADER
    elif old is not None and old.cluster_error == NO_LEADER:
        facts["cluster_error"] = ""  # a leader again; the next read says more
    return facts


def moved(old: EngineState | None, facts: dict) -> bool:
    """Joined, left, promoted or demoted: no event says so."""
    return old is not None and any(getattr(old, k) != facts[k] for k in SWARM_PLACE)


class SwarmLane(WithTask):
    def __init__(self, engine: str, url: str, timeout: int, store: Store, emit, set_engine):
        self.engine = engine
        self.lane = Lane(engine, url, timeout, "swarm")
        self.store = store
        self.emit = emit
        self.set_engine = set_engine  # (**changes) -> None: this engine's EngineState
        self._task: asyncio.Task | None = None

    async def read(self) -> None:
        """A manager's swarm (three list calls); an engine that left its swarm takes the
        swarm off the map unless another watched manager still reads it. A manager that
        cannot answer (no leader) leaves the last state read, marked stale."""
        state = self.store.current.engines.get(self.engine)
        if state is None:
            return
        if not state.manager or not state.cluster:
            self._forget()
            return
        if state.cluster_error == NO_LEADER:
            return  # the manager says so itself: reads would only fail
        try:
            nodes, services, tasks = await self.lane.call(self.lane.client.cluster, state.cluster)
        except EngineError as e:
            self.set_engine(cluster_error=e.message)
            return
        self.set_engine(cluster_error="")
        patch = self.store.replace_cluster(state.cluster, nodes, services, tasks)
        if patch:
            self.emit(patch)

    def _forget(self) -> None:
        t = self.store.current
        read = {e.cluster for e in t.engines.values() if e.manager and e.cluster}
        for cluster in {n.cluster for n in t.nodes.values()} - read:
            patch = self.store.replace_cluster(cluster, [], [], [])
            if patch:
                self.emit(patch)

    def soon(self) -> None:
        """Read the swarm now and a few times more: a service created or scaled shows its
        tasks over the next second or two. A read already following up is restarted."""
        self.stop()
        self._task = asyncio.create_task(self._follow())

    async def _follow(self) -> None:
        slept = 0.0
        for at in CLUSTER_FOLLOW_UP:
            await asyncio.sleep(at - slept)
            slept = at
            await self.read()
