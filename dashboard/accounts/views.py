"""The login page. Failed attempts are counted by django-axes at `authenticate` itself, for
this door and the admin's alike (dashboard.accounts.lockout)."""

from django.contrib.auth import views as auth_views


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True
