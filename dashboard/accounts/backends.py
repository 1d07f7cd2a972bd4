"""Django's ModelBackend, except that it gives its database connection back to the pool
before it hashes the password. A hash takes about a second of one core (PBKDF2), and a
request keeps its connection until it ends: a crowd at the login form held every pooled
connection through its hashing, and the requests behind it waited out the pool's timeout
(HTTP 500, seen with 30 logins at once). Without a pool (SQLite) nothing changes."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import connection


def release_pooled_connection() -> None:
    """Put this thread's connection back in the pool; the next query takes one again.
    Not inside a transaction, which must keep its connection."""
    pooled = connection.settings_dict.get("OPTIONS", {}).get("pool")
    if pooled and connection.connection is not None and not connection.in_atomic_block:
        connection.close()


class PoolFriendlyModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        users = get_user_model()
        if username is None:
            username = kwargs.get(users.USERNAME_FIELD)
        if username is None or password is None:
            return None
        try:
            user = users._default_manager.get_by_natural_key(username)
        except users.DoesNotExist:
            release_pooled_connection()
            # As Django does: hash once anyway, so that a missing user takes as long (#20760).
            users().set_password(password)
            return None
        release_pooled_connection()
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
