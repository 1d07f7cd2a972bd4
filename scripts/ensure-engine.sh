#!/usr/bin/env bash
# Makes sure a Docker Engine answers. With DOCKER_HOST set it only checks; on the local
# socket, as root, it starts dockerd in the background when nothing answers.
set -euo pipefail
answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }
answers && exit 0
if [ -n "${DOCKER_HOST:-}" ]; then
    echo "No Docker Engine answers at DOCKER_HOST=$DOCKER_HOST." >&2
    exit 1
fi
if [ "$(id -u)" != 0 ]; then
    echo "No Docker Engine answers on /var/run/docker.sock, and only root may start one here." >&2
    exit 1
fi
mkdir -p var
echo "Starting dockerd in the background (log: var/dockerd.log)"
setsid nohup dockerd >var/dockerd.log 2>&1 </dev/null &
for _ in $(seq 1 60); do
    answers && exit 0
    sleep 0.5
done
echo "dockerd did not answer within 30 s; see var/dockerd.log" >&2
tail -20 var/dockerd.log >&2
exit 1
