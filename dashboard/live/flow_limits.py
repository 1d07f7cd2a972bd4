"""What the flow books (flowbook.py in memory, flowbook_redis.py in Redis) hold and for how
long, and when a probe counts as silent: one definition for both."""

# The windows the map and the API offer, in seconds, by name.
WINDOWS = {"1m": 60, "15m": 900, "1h": 3600}
# A bound on what one engine's book holds (the oldest go first).
MAX_ENTRIES = 200_000
# A probe reports every second by default (`manage.py probe --every 1`), and a report can
# wait behind a slow relist or a busy dashboard for a few seconds: one quiet for longer
# than this has stopped (or cannot reach us), and the map says so rather than let its
# flows look current while they age out of the window.
SILENT_AFTER = 10
