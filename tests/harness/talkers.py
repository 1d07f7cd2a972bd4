"""Two labelled containers that talk: a server and a client holding two connections to
it, on a network of their own (busybox's nc; by address, so no name lookup is needed)."""

PORT = 7000


def address(docker_api, cid, network):
    return docker_api.inspect_container(cid)["NetworkSettings"]["Networks"][network]["IPAddress"]


def talking_pair(make, docker_api) -> tuple[str, str]:
    """(server id, client id)."""
    net = make.network()["Name"]
    server = make.container(network=net, command=f"nc -ll -p {PORT} -e cat")
    ip = address(docker_api, server, net)
    hold = f"sleep 3600 | nc {ip} {PORT}"
    caller = make.container(network=net, command=["sh", "-c", f"{hold} & {hold}"])
    return server, caller
