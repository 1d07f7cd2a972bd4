"""The watcher's lanes: each one kind of read of one engine, on a connection and a thread of
its own, so that a slow read of one kind holds up no other (events, list, inspect, the
stopped poll, the swarm, the ping)."""
