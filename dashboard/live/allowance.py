"""How many full snapshots ("resync") one socket may ask for: a token bucket.

The map asks for one when a patch does not follow on from its copy, once per such patch
until the snapshot arrives, and when someone clicks "Back to live". So each patch the
socket is sent earns one request back (kept up to `most`, for a page that reads a burst of
patches before it answers them), and time refills up to `burst` for the clicks; a page
never asks for more. A socket that does is flooding, and is closed (see consumers.py).
"""

import time


class Allowance:
    def __init__(
        self, burst: int = 30, per_second: float = 0.5, most: int = 1000, clock=time.monotonic
    ):
        self.burst = burst
        self.per_second = per_second
        self.most = most
        self.clock = clock
        self.tokens = float(burst)
        self.at = clock()

    def earn(self) -> None:
        """A patch went to the socket: it may ask for a snapshot because of it."""
        self.tokens = min(self.most, self.tokens + 1)

    def take(self) -> bool:
        """Spend one request; False once the socket has asked for more than it may."""
        now = self.clock()
        if self.tokens < self.burst:
            self.tokens = min(self.burst, self.tokens + (now - self.at) * self.per_second)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True
