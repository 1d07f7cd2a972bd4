"""Login with a limit on failed attempts, per user name and per client address."""

from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.shortcuts import render

WINDOW = 15 * 60
PER_USER = 5
PER_ADDRESS = 20


def _keys(request) -> list[tuple[str, int]]:
    username = request.POST.get("username", "").strip().lower()[:150]
    address = request.META.get("REMOTE_ADDR", "")
    return [(f"login-fail:user:{username}", PER_USER), (f"login-fail:addr:{address}", PER_ADDRESS)]


def _blocked(request) -> bool:
    return any((cache.get(key) or 0) >= limit for key, limit in _keys(request))


def _count_failure(request) -> None:
    for key, _ in _keys(request):
        cache.add(key, 0, WINDOW)
        cache.incr(key)


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if _blocked(request):
            return render(
                request,
                "registration/login.html",
                {"form": self.get_form(), "blocked": True, "next": request.POST.get("next", "")},
                status=429,
            )
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        _count_failure(self.request)
        return super().form_invalid(form)
