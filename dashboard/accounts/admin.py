from django.contrib import admin

from dashboard.accounts.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "username", "action", "engine", "target", "outcome")
    list_filter = ("action", "outcome", "engine")
    search_fields = ("username", "target", "message")
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
