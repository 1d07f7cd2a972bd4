#!/bin/sh
# The official image compiles Redis with protected mode off (clients come from other
# containers); Debian's binary has it on, and would refuse them while no password is set.
if [ "${1:-}" = redis-server ]; then
    set -- "$@" --protected-mode no
fi
exec "$@"
