"""Who may change enterprises, their people and their participation in programmes."""

from django.core.exceptions import PermissionDenied

from score.accounts.scopes import enterprises_workable_by, scope_of


def can_create_enterprise(user) -> bool:
    scope = scope_of(user)
    return scope.is_admin or bool(scope.coordinator_countries)


def can_edit_enterprise(user, enterprise) -> bool:
    scope = scope_of(user)
    return scope.is_admin or enterprise.country_id in scope.coordinator_countries


def can_manage_participation(user, programme) -> bool:
    scope = scope_of(user)
    return scope.is_admin or programme.country_id in scope.coordinator_countries


def can_edit_people(user, enterprise) -> bool:
    scope = scope_of(user)
    if scope.is_admin or enterprise.country_id in scope.coordinator_countries:
        return True
    return enterprises_workable_by(user).filter(pk=enterprise.pk).exists()


def can_follow_delivery(user, enterprise) -> bool:
    """Whether the enterprise's training, visits, team and projects pages are for this user:
    working roles and the enterprise's own users, not sponsor or donor viewers."""
    return enterprises_workable_by(user).filter(pk=enterprise.pk).exists()


def _check(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def check_can_create_enterprise(user) -> None:
    _check(can_create_enterprise(user))


def check_can_edit_enterprise(user, enterprise) -> None:
    _check(can_edit_enterprise(user, enterprise))


def check_can_manage_participation(user, programme) -> None:
    _check(can_manage_participation(user, programme))


def check_can_edit_people(user, enterprise) -> None:
    _check(can_edit_people(user, enterprise))
