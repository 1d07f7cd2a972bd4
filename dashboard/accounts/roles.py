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
