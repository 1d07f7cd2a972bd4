#!/usr/bin/env bash
# Sets up Docker's classic networking walkthrough on the local engine, for a newcomer to
# watch on the map: two containers on the default bridge, a user bridge with a third, and an
# internal network with one more. Every object carries the label dashboard.demo=1, and
# `demo.sh clean` removes exactly those. Uses the docker CLI: the dashboard itself may not
# create containers (its engine layer has an allow-list).
set -euo pipefail
LABEL=dashboard.demo=1
IMAGE=dashboard-demo-busybox:latest

clean() {
    ids=$(docker ps -aq --filter "label=$LABEL")
    [ -z "$ids" ] || docker rm -f $ids >/dev/null
    ids=$(docker network ls -q --filter "label=$LABEL")
    [ -z "$ids" ] || docker network rm $ids >/dev/null
    ids=$(docker images -q --filter "label=$LABEL")
    [ -z "$ids" ] || docker rmi -f $ids >/dev/null
    echo "Removed the demo's containers, networks and image."
}

image() {
    docker image inspect "$IMAGE" >/dev/null 2>&1 && return
    busybox=$(command -v busybox || echo /bin/busybox)
    root=$(mktemp -d)
    mkdir -p "$root/bin"
    cp "$busybox" "$root/bin/busybox"
    for applet in $("$root/bin/busybox" --list); do
        [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
    done
    tar -C "$root" -c . | docker import -c 'ENV PATH=/bin' -c 'CMD ["sh"]' -c "LABEL $LABEL" - "$IMAGE" >/dev/null
    rm -rf "$root"
}

run() { docker run -d --label "$LABEL" --stop-signal SIGKILL "$@" "$IMAGE" sleep 86400 >/dev/null; }

if [ "${1:-}" = clean ]; then clean; exit 0; fi
image
step() { echo "+ $*"; sleep "${DEMO_PAUSE:-1}"; }
step "two containers on the default bridge: alpine1, alpine2"
run --name alpine1
run --name alpine2
step "a user-defined bridge network, demo-bridge (10.231.100.0/24)"
docker network create --label "$LABEL" --subnet 10.231.100.0/24 demo-bridge >/dev/null
step "alpine3 on demo-bridge"
run --name alpine3 --network demo-bridge
step "an internal network, demo-internal, with alpine4 (alias db), and alpine3 joins it"
docker network create --label "$LABEL" --internal --subnet 10.231.101.0/24 demo-internal >/dev/null
run --name alpine4 --network demo-internal --network-alias db
docker network connect demo-internal alpine3
ip3=$(docker inspect -f '{{(index .NetworkSettings.Networks "demo-bridge").IPAddress}}' alpine3)
step "alpine1 pings alpine3 ($ip3) and fails: they share no network"
docker exec alpine1 ping -c 1 -W 1 "$ip3" >/dev/null 2>&1 && echo "  (it answered?)" || echo "  no answer, as the map's isolation view explains"
echo "Done. Open the map, select alpine1 and ask whether it can reach alpine3. 'make demo-clean' removes it all."
