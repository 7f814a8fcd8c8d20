"""Who may enter, import and read surveys (DESIGN.md, "Roles").

Coordinators, provider staff, trainers and admins enter and import responses within their
scope; sponsor and donor viewers read aggregated results only; enterprise users nothing."""

from django.core.exceptions import PermissionDenied

from score.accounts.models import Role
from score.accounts.scopes import scope_of

_ENTERING = {Role.COUNTRY_COORDINATOR, Role.PROVIDER_STAFF, Role.TRAINER}
_READING = _ENTERING | {Role.SPONSOR_VIEWER, Role.DONOR_VIEWER}


def can_enter_responses(user) -> bool:
    scope = scope_of(user)
    return scope.is_admin or bool(scope.roles & _ENTERING)


def can_view_results(user) -> bool:
    scope = scope_of(user)
    return scope.is_admin or bool(scope.roles & _READING)


def _check(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def check_can_enter_responses(user) -> None:
    _check(can_enter_responses(user))


def check_can_view_results(user) -> None:
    _check(can_view_results(user))
