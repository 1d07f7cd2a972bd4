"""The one module that imports docker. Every Docker API call the dashboard makes is here,
through an allow-list of endpoints, with timeouts, and its errors become ours."""

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

import docker
import docker.errors
import requests.exceptions
from docker.utils import kwargs_from_env

from dashboard.engine import convert
from dashboard.engine.errors import EngineError, EngineUnavailable, NotAllowed, classify
from dashboard.topology.records import ContainerDetails, ContainerView, Endpoint, Event, Network
from dashboard.topology.swarm_records import TASK_WANTED, Service, SwarmNode, Task

log = logging.getLogger(__name__)

# (method, path template) pairs the dashboard may call: least privilege toward root on the host.
ALLOWED_ENDPOINTS = frozenset(
    {
        ("GET", "/_ping"),
        ("GET", "/version"),
        ("GET", "/info"),
        ("GET", "/events"),
        ("GET", "/networks"),
        ("GET", "/networks/{0}"),
        ("GET", "/containers/json"),
        ("GET", "/containers/{0}/json"),
        ("GET", "/nodes"),
        ("GET", "/services"),
        ("GET", "/tasks"),
        ("POST", "/networks/create"),
        ("POST", "/networks/{0}/connect"),
        ("POST", "/networks/{0}/disconnect"),
        ("DELETE", "/networks/{0}"),
    }
)
_VERSIONED = re.compile(r"^/v[0-9.]+")
EVENT_ACTIONS = (
    # network (a manager's swarm-scoped ones: create, update, remove), service, node
    "create",
    "destroy",
    "remove",
    "connect",
    "disconnect",
    # container (create and destroy above)
    "start",
    "restart",
    "die",
    "stop",
    "kill",
    "pause",
    "unpause",
    "rename",
    "update",
    "health_status",  # the health in the list's status changes with no other event
)


class _GuardedAPIClient(docker.APIClient):
    """docker-py's low-level client, refusing any endpoint outside ALLOWED_ENDPOINTS."""

    def __init__(self, *args, **kwargs):
        self.calls: list[tuple[str, str]] = []
        super().__init__(*args, **kwargs)

    def _check(self, method: str, url: str) -> None:
        path = url.split("://", 1)[-1]
        path = "/" + path.split("/", 1)[1] if "/" in path else "/"
        path = _VERSIONED.sub("", path.split("?", 1)[0])
        template = re.sub(r"^/(networks|containers)/(?!json$|create$)[^/]+", r"/\1/{0}", path)
        if (method, template) not in ALLOWED_ENDPOINTS:
            raise NotAllowed(f"The dashboard may not call {method} {template} on Docker.")
        self.calls.append((method, template))

    def _get(self, url, **kwargs):
        self._check("GET", url)
        return super()._get(url, **kwargs)

    def _post(self, url, **kwargs):
        self._check("POST", url)
        return super()._post(url, **kwargs)

    def _delete(self, url, **kwargs):
        self._check("DELETE", url)
        return super()._delete(url, **kwargs)

    def _put(self, url, **kwargs):
        self._check("PUT", url)
        return super()._put(url, **kwargs)


@contextmanager
def _translated(what: str, timeout: int):
    try:
        yield
    except EngineError:
        raise
    except docker.errors.APIError as e:
        status = e.response.status_code if e.response is not None else None
        raise classify(status, str(e.explanation or e)) from e
    except requests.exceptions.Timeout as e:
        raise EngineUnavailable(f"Docker did not answer {what} within {timeout} s.", str(e)) from e
    except (requests.exceptions.ConnectionError, docker.errors.DockerException, OSError) as e:
        if "timed out" in str(e):  # docker-py wraps the version probe's timeout
            raise EngineUnavailable(
                f"Docker did not answer {what} within {timeout} s.", str(e)
            ) from e
        raise EngineUnavailable(f"Cannot reach Docker: {_reason(e)}", str(e)) from e


def _reason(e: Exception) -> str:
    text = str(e)
    if "No such file or directory" in text or "FileNotFoundError" in text:
        return "the Docker socket does not exist (is dockerd running?)"
    if "Connection refused" in text:
        return "the connection was refused (is dockerd running?)"
    if "Permission denied" in text:
        return "permission denied on the Docker socket"
    return text[:300]


class EngineClient:
    """One Docker engine. Methods return the project's records or plain dicts, never
    docker-py objects, and raise only EngineError subclasses."""

    def __init__(self, name: str, url: str = "", timeout: int = 10):
        self.name = name
        self.url = url
        self.timeout = timeout
        self._api: _GuardedAPIClient | None = None
        self._stream = None

    @property
    def api(self) -> _GuardedAPIClient:
        if self._api is None:
            with _translated("the connection", self.timeout):
                kwargs = {"base_url": self.url} if self.url else kwargs_from_env()
                self._api = _GuardedAPIClient(timeout=self.timeout, version="auto", **kwargs)
        return self._api

    @property
    def calls(self) -> list[tuple[str, str]]:
        """Every Docker call made so far, as (method, path template): for tests and bench."""
        return self.api.calls

    def close(self) -> None:
        self.close_events()
        if self._api is not None:
            self._api.close()
            self._api = None

    # Reading
    def ping(self) -> None:
        with _translated("a ping", self.timeout):
            self.api.ping()

    def info(self) -> dict:
        """Server version, swarm state, drivers and the daemon's clock."""
        with _translated("info", self.timeout):
            info = self.api.info()
        plugins = info.get("Plugins") or {}
        swarm = info.get("Swarm") or {}
        return {
            "server_version": info.get("ServerVersion", ""),
            "swarm": swarm.get("LocalNodeState", ""),
            "swarm_manager": bool(swarm.get("ControlAvailable")),
            "node_id": swarm.get("NodeID", "") or "",
            "cluster": (swarm.get("Cluster") or {}).get("ID", "") or "",
            "node_addr": swarm.get("NodeAddr", "") or "",
            "drivers": tuple(plugins.get("Network") or ()),
            "host": info.get("Name", ""),
            "time_nano": convert.rfc3339_to_nanos(info["SystemTime"])
            if info.get("SystemTime")
            else 0,
        }

    def networks(self, ids: list[str] | None = None) -> list[Network]:
        filters = {"id": list(ids)} if ids else None
        with _translated("the network list", self.timeout):
            raw = self.api.networks(filters=filters)
        records = [convert.network(r, self.name) for r in raw]
        # The id filter matches prefixes too; keep exact matches only.
        return [n for n in records if not ids or n.id in ids]

    def cluster(self, cluster: str) -> tuple[list[SwarmNode], list[Service], list[Task]]:
        """A manager's whole swarm in three calls: every node, service, and task Docker
        still means to run (it keeps old ones per slot; those are left out)."""
        with _translated("the swarm's nodes", self.timeout):
            nodes = [convert.node(r, cluster) for r in self.api.nodes()]
        with _translated("the swarm's services", self.timeout):
            services = [convert.service(r, cluster) for r in self.api.services()]
        with _translated("the swarm's tasks", self.timeout):
            raw = self.api.tasks()
        tasks = [convert.task(r, cluster) for r in raw]
        return nodes, services, [t for t in tasks if t.desired_state in TASK_WANTED or t.live]

    def containers(
        self,
        network_ids: dict[str, str],
        ids: list[str] | None = None,
        states: tuple[str, ...] = (),
    ) -> list[ContainerView]:
        filters = {}
        if ids:
            filters["id"] = list(ids)
        if states:
            filters["status"] = list(states)
        with _translated("the container list", self.timeout):
            raw = self.api.containers(all=True, filters=filters or None)
        views = [convert.container_view(r, self.name, network_ids) for r in raw]
        return [v for v in views if not ids or v.container.id in ids]

    def details(self, container_id: str) -> ContainerDetails:
        """Aliases by network id and exact start and exit times: what the container list
        lacks. The rest of the inspect document (the environment above all) is dropped."""
        with _translated("container inspect", self.timeout):
            raw = self.api.inspect_container(container_id)
        return convert.details_from_inspect(raw)

    def pid(self, container_id: str) -> int:
        """The host's pid of the container's first process, whose namespace holds its
        sockets; 0 when it is not running. For the probe, which reads the kernel."""
        with _translated("container inspect", self.timeout):
            raw = self.api.inspect_container(container_id)
        return convert.pid_from_inspect(raw)

    def inspect_network(self, network_id: str, verbose: bool = False) -> dict:
        """Docker's document; `verbose` on a manager adds a swarm network's Peers (each
        node's address) and Services (every task's endpoint, cluster-wide)."""
        with _translated("network inspect", self.timeout):
            return self.api.inspect_network(network_id, verbose=verbose or None)

    def gateway_endpoints(self, network_id: str) -> list[Endpoint]:
        """Endpoints of docker_gwbridge, which swarm gives each container on an overlay and
        which only network inspect shows (the container list leaves it out)."""
        raw = self.inspect_network(network_id)
        return [
            Endpoint(
                network=network_id,
                container=cid,
                ipv4=e.get("IPv4Address", ""),
                ipv6=e.get("IPv6Address", ""),
                mac=e.get("MacAddress", ""),
            )
            for cid, e in (raw.get("Containers") or {}).items()
            if len(cid) == 64  # not the ingress-sbox or lb- sandboxes
        ]

    def events(self, since_nano: int) -> Iterator[Event]:
        """Network and container events from `since_nano` on (inclusive, as Docker is).
        Blocks; ends when the daemon goes away or close_events() is called."""
        since = f"{since_nano // 1_000_000_000}.{since_nano % 1_000_000_000:09d}"
        filters = {"type": list(convert.EVENT_TYPES), "event": list(EVENT_ACTIONS)}
        with _translated("the event stream", self.timeout):
            self._stream = self.api.events(since=since, filters=filters, decode=True)
        try:
            with _translated("the event stream", self.timeout):
                for raw in self._stream:
                    ev = convert.event(raw)
                    if ev is not None:
                        yield ev
        finally:
            self._stream = None

    def close_events(self) -> None:
        stream = self._stream
        if stream is not None:
            try:
                stream.close()
            except Exception:  # closing a dead stream may fail any way
                log.debug("closing the event stream failed", exc_info=True)

    # Changing
    def create_network(self, spec: dict) -> str:
        """Create a network from a validated spec; returns its id."""
        ipam = None
        if spec.get("pools"):
            ipam = docker.types.IPAMConfig(
                pool_configs=[
                    docker.types.IPAMPool(
                        subnet=p["subnet"],
                        gateway=p.get("gateway") or None,
                        iprange=p.get("ip_range") or None,
                    )
                    for p in spec["pools"]
                ]
            )
        with _translated("network create", max(self.timeout, 30)):
            answer = self.api.create_network(
                spec["name"],
                driver=spec.get("driver") or "bridge",
                options=spec.get("options") or None,
                ipam=ipam,
                check_duplicate=True,
                internal=bool(spec.get("internal")),
                labels=spec.get("labels") or None,
                enable_ipv6=bool(spec.get("enable_ipv6")),
                attachable=bool(spec.get("attachable")),
            )
        return answer["Id"]

    def remove_network(self, network_id: str) -> None:
        with _translated("network remove", self.timeout):
            self.api.remove_network(network_id)

    def connect(
        self,
        network_id: str,
        container_id: str,
        ipv4: str = "",
        ipv6: str = "",
        aliases: list[str] | None = None,
    ) -> None:
        with _translated("network connect", self.timeout):
            self.api.connect_container_to_network(
                container_id,
                network_id,
                ipv4_address=ipv4 or None,
                ipv6_address=ipv6 or None,
                aliases=aliases or None,
            )

    def disconnect(self, network_id: str, container_id: str, force: bool = False) -> None:
        with _translated("network disconnect", self.timeout):
            self.api.disconnect_container_from_network(container_id, network_id, force=force)
