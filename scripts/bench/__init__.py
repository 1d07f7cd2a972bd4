"""`make bench` (`python -m scripts.bench`): one table of measured figures beside the
baselines a user could pick instead. It reports; it never fails the suite. The measures
that need an engine run against a dockerd owned by the bench (the main daemon and its
containers are left alone) and a dashboard started as `make run` starts it (rig.py); each
group of them gets a rig of its own, removed before the next starts, so that no measure
runs beside another's engine and containers.

Targets (from the issues): a sync costs a constant number of API calls and beats the CLI at
every size; event-to-WebSocket p95 under 100 ms and within 50 ms of the `docker events`
floor; 200-client fan-out under 250 ms; first render of 1,000 containers under 2 s; one
patch under 50 ms; resident memory under 150 MB at 300 containers.

One module a measure: cache, reads (and resync, memory), events, live, fanout, takeover,
flood, databases, history, readability, browser, swarm. Each has a function that takes the
Report (report.py) first, then what it runs against: a Rig for the engine's measures, the
dashboard's URL for the browser's (synthetic data), nothing for the ones that bring their
own (cache, history, swarm). __main__.py says which run in which order and with which
option. To add one: write scripts/bench/NAME.py with `def rows(report, ...)` calling
`report.row(what, value, target)`; put what it runs in the page in js/NAME.js (a function
expression, read by page.js's `js("NAME")`); call it from the plan it belongs to in
__main__.py (`full`, and an option of its own if it is worth running alone: one line in
OPTIONS and one plan function)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dashboard.settings")
