#!/usr/bin/env bash
# `make run`: the dashboard in one daphne process and, when run as root, the local probe
# beside it (it reads the host's conntrack and containers' sockets, which needs root),
# sharing a token made for this run unless DASHBOARD_PROBE_TOKEN is set. DASHBOARD_PROBE=0
# leaves it out.
set -euo pipefail
bind=${DASHBOARD_BIND:-127.0.0.1}
port=${DASHBOARD_PORT:-8000}
probe=""
if [[ $(id -u) == 0 && ${DASHBOARD_PROBE:-1} != 0 ]]; then
  if [[ -z ${DASHBOARD_PROBE_TOKEN:-} ]]; then
    DASHBOARD_PROBE_TOKEN=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(32))')
    export DASHBOARD_PROBE_TOKEN
  fi
  case $bind in 0.0.0.0 | :: | "[::]") here=127.0.0.1 ;; *:*) here="[$bind]" ;; *) here=$bind ;; esac
  .venv/bin/python manage.py probe --report "http://$here:$port" &
  probe=$!
fi
.venv/bin/daphne -b "$bind" -p "$port" dashboard.asgi:application &
web=$!
# Both stop together, cleanly: a signal to this script is passed on to each.
stop() { kill -TERM $web $probe 2>/dev/null || true; wait $web $probe 2>/dev/null || true; }
trap 'stop; exit 143' TERM
trap 'stop; exit 130' INT
status=0
wait $web || status=$?
stop
exit $status
