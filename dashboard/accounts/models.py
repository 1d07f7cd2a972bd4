from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    """One change made through the dashboard: who, when, what, and how it ended."""

    OK = "ok"
    FAILED = "failed"
    REFUSED = "refused"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    username = models.CharField(max_length=150)
    action = models.CharField(max_length=40, db_index=True)
    engine = models.CharField(max_length=100, blank=True)
    target = models.CharField(max_length=300, blank=True)
    parameters = models.JSONField(default=dict, blank=True)
    outcome = models.CharField(
        max_length=10, choices=[(OK, "ok"), (FAILED, "failed"), (REFUSED, "refused")]
    )
    message = models.TextField(blank=True)
    address = models.GenericIPAddressField(null=True, blank=True)  # the client's

    class Meta:
        ordering = ["-at", "-id"]
        permissions = [("operate", "Can change Docker networks")]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} {self.action} {self.target}"
