"""On the first start with no users, create `admin` as an operator and superuser.

The password is DASHBOARD_ADMIN_PASSWORD when set, else a random one, printed once and kept
in var/admin-password (mode 0600).
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from dashboard.accounts.roles import OPERATOR, ensure_groups, give_role
from dashboard.accounts.startup import startup_lock
from dashboard.env import env_str, write_private


class Command(BaseCommand):
    help = "Create the first user, admin, when there are no users yet."

    def handle(self, *args, **options):
        with startup_lock():
            self.bootstrap()

    def bootstrap(self):
        ensure_groups()
        User = get_user_model()
        if User.objects.exists():
            return
        password = env_str("DASHBOARD_ADMIN_PASSWORD")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        user = User.objects.create_superuser("admin", "", password)
        give_role(user, OPERATOR)
        if generated:
            path = settings.VAR_DIR / "admin-password"
            write_private(path, password + "\n")
            self.stdout.write(
                f"Created user admin with password {password}\n(kept in {path}, mode 0600)"
            )
        else:
            self.stdout.write("Created user admin with the password in DASHBOARD_ADMIN_PASSWORD")
