from django.db import models


class Change(models.Model):
    """One change the watching process published, as the sockets got it: when, which
    engines, the patch, and Docker's events behind it. A gap says that nothing was recorded
    for a while (the dashboard stopped, an engine was unreachable) and carries what the
    relist found different across it."""

    CHANGE = "change"
    GAP = "gap"
    BEGIN = "begin"  # the first relist ever recorded of an engine: where history begins

    at = models.DateTimeField(db_index=True)
    version = models.BigIntegerField()
    kind = models.CharField(max_length=10, default=CHANGE)
    relist = models.BooleanField(default=False)  # found by a relist, not by an event
    engines = models.CharField(max_length=300, blank=True)  # comma-separated
    patch = models.TextField()  # JSON, the sockets' shape
    events = models.JSONField(default=list, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.kind} {self.engines} v{self.version}"


class ChangedObject(models.Model):
    """An object a change touched, for finding a network's or a container's history."""

    ADDED, CHANGED, REMOVED = "added", "changed", "removed"
    PRESENT = "present"  # there when history began

    # Deleted by retention before their changes, so that both are single DELETEs.
    change = models.ForeignKey(
        Change, on_delete=models.DO_NOTHING, db_constraint=False, related_name="touched"
    )
    at = models.DateTimeField(db_index=True)
    engine = models.CharField(max_length=100, db_index=True)
    # network, container, endpoint, engine, node, service or task
    kind = models.CharField(max_length=10, db_index=True)
    action = models.CharField(max_length=10)
    detail = models.CharField(max_length=300, blank=True)  # what changed, in words
    network = models.CharField(max_length=64, blank=True, db_index=True)
    container = models.CharField(max_length=64, blank=True, db_index=True)
    name = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.name} {self.action}"


class Snapshot(models.Model):
    """The whole map now and then (zlib-compressed /api/topology JSON), so that the map at a
    past moment replays a bounded number of changes, however far back."""

    at = models.DateTimeField(db_index=True)
    change = models.BigIntegerField()  # the last Change it includes (0: none)
    data = models.BinaryField()

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"snapshot {self.at:%Y-%m-%d %H:%M:%S} after change {self.change}"
