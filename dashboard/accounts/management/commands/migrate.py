"""Django's migrate, one process at a time (dashboard.accounts.startup)."""

from django.core.management.commands.migrate import Command as DjangoMigrate

from dashboard.accounts.startup import startup_lock


class Command(DjangoMigrate):
    def handle(self, *args, **options):
        with startup_lock(options["database"]):
            return super().handle(*args, **options)
