import time


def eventually(check, timeout=2.0, interval=0.05):
    """Poll `check` until it returns a truthy value or time runs out; return the last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)


def converged(get_api_view, get_truth, timeout=2.0):
    """Wait until the dashboard's view equals Docker's truth; return (api, truth) last seen."""
    seen = {}

    def check():
        seen["truth"] = get_truth()
        seen["api"] = get_api_view()
        return seen["api"] == seen["truth"]

    eventually(check, timeout)
    return seen["api"], seen["truth"]
