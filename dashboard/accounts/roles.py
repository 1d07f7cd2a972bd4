"""Two roles: viewers see everything, operators may also change Docker."""

from django.contrib.auth.models import Group, Permission

VIEWER = "viewer"
OPERATOR = "operator"
ROLES = (VIEWER, OPERATOR)
OPERATE_PERMISSION = "accounts.operate"


def ensure_groups() -> dict[str, Group]:
    operate = Permission.objects.get(codename="operate", content_type__app_label="accounts")
    viewer, _ = Group.objects.get_or_create(name=VIEWER)
    operator, _ = Group.objects.get_or_create(name=OPERATOR)
    operator.permissions.add(operate)
    return {VIEWER: viewer, OPERATOR: operator}


def give_role(user, role: str) -> None:
    groups = ensure_groups()
    user.groups.remove(*groups.values())
    user.groups.add(groups[role])


def is_operator(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(OPERATE_PERMISSION))


def operator_required(view):
    """Log in first (redirect), then the operator role (403)."""
    from functools import wraps

    from django.contrib.auth.views import redirect_to_login
    from django.core.exceptions import PermissionDenied

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_operator(request.user):
            raise PermissionDenied("Changing networks needs the operator role.")
        return view(request, *args, **kwargs)

    return wrapper
