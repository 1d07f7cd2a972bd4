"""Random changes to a synthetic map routed into the page's socket: starts and stops,
containers added and removed, a selection; each one waited for until drawn."""

import json
import random

from scripts.harness.synthetic import patch, patch_adding


def two_frames(page):
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")


def drawn(page, n):
    page.wait_for_function("n => window.dashboardMap.stats.patches >= n", arg=n)
    two_frames(page)


class RandomChanges:
    """Changes to the map of `snapshot`, fed to the page one at a time."""

    def __init__(self, page, routes, snapshot, seed):
        self.page, self.routes, self.snapshot = page, routes, snapshot
        self.containers = {c["id"]: c for c in snapshot["topology"]["containers"]}
        self.endpoints = {}
        for e in snapshot["topology"]["endpoints"]:
            self.endpoints.setdefault(e["container"], []).append([e["network"], e["container"]])
        self.rnd = random.Random(seed)
        self.version = 1

    def change(self, kind, among, step):
        rnd = self.rnd
        among = [c for c in among if c in self.containers]
        if kind == "select":
            self.page.evaluate(
                "ref => { const cy = window.dashboardMap.cy; cy.elements().unselect();"
                " cy.getElementById('c:' + ref).select(); }",
                rnd.choice(among),
            )
            two_frames(self.page)
            return
        if kind == "add":
            net = rnd.randrange(len(self.snapshot["topology"]["networks"]))
            cid = f"{rnd.getrandbits(256):064x}"
            msg = patch_adding(self.snapshot, net, cid, f"new-{step}", base=self.version)
            new = msg["upsert"]["containers"][0]
            self.containers[cid] = new
            self.endpoints[cid] = [[net_id, cid] for net_id in new["networks"]]
        elif kind == "remove":
            ref = rnd.choice(among)
            del self.containers[ref]
            msg = patch(self.version, gone=[ref], gone_endpoints=self.endpoints.pop(ref, []))
        else:
            changed = []
            for ref in rnd.sample(among, 1 if kind == "stop or start" else 6):
                c = self.containers[ref]
                c["live"] = not c["live"]
                c["state"] = "running" if c["live"] else rnd.choice(["exited", "paused"])
                changed.append(dict(c))
            msg = patch(self.version, up=changed)
        self.routes[0].send(json.dumps(msg))
        self.version += 1
        drawn(self.page, self.version - 1)
