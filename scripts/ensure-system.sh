#!/usr/bin/env bash
# Installs the Debian packages that `make run` and `make test` need, when they are missing.
# Only as root on Debian; elsewhere it says what is missing and leaves the machine alone.
set -euo pipefail
missing=()
command -v dockerd >/dev/null || missing+=(docker.io)
command -v docker >/dev/null || missing+=(docker.io)
[ -x /bin/busybox ] || [ -x /usr/bin/busybox ] || missing+=(busybox-static)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v npm >/dev/null || missing+=(nodejs npm)
command -v ip >/dev/null || missing+=(iproute2)
command -v redis-server >/dev/null || missing+=(redis-server)  # the multi-process tests
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)  # the shared-database tests
command -v debootstrap >/dev/null || missing+=(debootstrap)  # the container image's test base
command -v docker-compose >/dev/null || missing+=(docker-compose)  # compose.yaml brought up in the tests
[ ${#missing[@]} -eq 0 ] && exit 0
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "Missing: ${missing[*]}. Install them (as root: apt-get install ${missing[*]}) and try again." >&2
    exit 1
fi
echo "Installing ${missing[*]} with apt-get"
export DEBIAN_FRONTEND=noninteractive
# The tests start their own Redis and PostgreSQL on loopback ports: keep the packages from
# starting system-wide servers as they install (only when no policy is in place already).
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy"
    trap 'rm -f "$policy"' EXIT
fi
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
