"""Create a user with a role, or change an existing user's role."""

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from dashboard.accounts.roles import ROLES, give_role
from dashboard.accounts.startup import startup_lock


class Command(BaseCommand):
    help = "Create a user with the viewer or operator role (the password is read from stdin)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", choices=ROLES, default="viewer")
        parser.add_argument("--password", help="the password; read from stdin when absent")

    def handle(self, *args, username, role, password=None, **options):
        with startup_lock():  # another process may be setting up the same user or groups
            self.add(username, role, password)

    def add(self, username, role, password):
        User = get_user_model()
        user, created = User.objects.get_or_create(username=username)
        if password is None and created:
            password = sys.stdin.readline().strip()
        if created and not password:
            raise CommandError("A new user needs a password (--password or on stdin).")
        if password:
            user.set_password(password)
            user.save()
        give_role(user, role)
        self.stdout.write(f"{'Created' if created else 'Updated'} {username} as {role}")
