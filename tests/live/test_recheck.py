from dashboard.topology.plan import RECHECKS, recheck_delay


def test_rechecks_start_fast_and_keep_going_for_a_few_seconds():
    delays = [recheck_delay(a) for a in range(RECHECKS)]
    assert delays[:3] == [0.005, 0.01, 0.02]  # the usual lag is a few ms
    assert sum(delays[:4]) < 0.1
    assert 4 <= sum(delays) <= 6  # a busy host's lag (measured ~0.3 s) is covered many times
    assert max(delays) <= 0.25  # and shows within a quarter second once Docker lists it
