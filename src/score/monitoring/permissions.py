"""Who may read and record monitoring data (DESIGN.md, "Roles and what each sees").

Reading and recording go together: trainers for their assigned enterprises, enterprise
users for their own, provider staff for their organisation's, coordinators for their
country's, admins for all. Viewers see none of it (aggregates come with results)."""

from django.core.exceptions import PermissionDenied

from score.accounts.scopes import enterprises_workable_by, indicators_visible_to, scope_of


def can_use_monitoring(user) -> bool:
    scope = scope_of(user)
    return scope.is_admin or bool(
        scope.coordinator_countries
        or scope.provider_orgs
        or scope.is_trainer
        or scope.own_enterprises
    )


def can_record_measurements(user, enterprise) -> bool:
    return enterprises_workable_by(user).filter(pk=enterprise.pk).exists()


def can_create_indicator(user, programme=None) -> bool:
    scope = scope_of(user)
    if scope.is_admin:
        return True
    if programme is None:
        return bool(scope.coordinator_countries)
    return programme.country_id in scope.coordinator_countries


def can_record_exchange_rates(user) -> bool:
    """Rates are shared by every programme: admins and country coordinators keep them."""
    scope = scope_of(user)
    return scope.is_admin or bool(scope.coordinator_countries)


def can_see_indicator(user, indicator) -> bool:
    return indicators_visible_to(user).filter(pk=indicator.pk).exists()


def _check(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def check_can_use_monitoring(user) -> None:
    _check(can_use_monitoring(user))


def check_can_record_measurements(user, enterprise) -> None:
    _check(can_record_measurements(user, enterprise))


def check_can_create_indicator(user, programme=None) -> None:
    _check(can_create_indicator(user, programme))


def check_can_record_exchange_rates(user) -> None:
    _check(can_record_exchange_rates(user))
