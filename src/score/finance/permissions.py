"""Who may change prices, fees and invoices.

``check_can_*`` raise PermissionDenied; ``can_*`` return a bool. Reading is decided by
``score.accounts.scopes``; these functions decide writing: programme admins everything,
country coordinators the money of their country's providers and programmes, provider staff
that of their own organisation. Viewers and trainers change nothing here."""

from django.core.exceptions import PermissionDenied

from score.accounts.scopes import scope_of


def can_use_finance(user) -> bool:
    """Whether the user works with fees and invoices at all (the finance pages)."""
    scope = scope_of(user)
    return scope.is_admin or bool(scope.coordinator_countries or scope.provider_orgs)


def can_list_invoices(user) -> bool:
    """Working roles, and enterprise users (the invoices billed to their enterprise)."""
    return can_use_finance(user) or bool(scope_of(user).own_enterprises)


def can_manage_prices(user, provider) -> bool:
    scope = scope_of(user)
    return (
        scope.is_admin
        or provider.pk in scope.provider_orgs
        or (provider.country_id is not None and provider.country_id in scope.coordinator_countries)
    )


def can_set_fee(user, enrolment, provider=None) -> bool:
    """Coordinators of the enrolment's programme's country, staff of its provider."""
    scope = scope_of(user)
    if scope.is_admin:
        return True
    if enrolment.programme.country_id in scope.coordinator_countries:
        return True
    return provider is not None and provider.pk in scope.provider_orgs


def can_manage_invoice(user, invoice) -> bool:
    scope = scope_of(user)
    if scope.is_admin or invoice.provider_id in scope.provider_orgs:
        return True
    countries = scope.coordinator_countries
    if not countries:
        return False
    if invoice.provider.country_id in countries:
        return True
    # An invoice billing fees of the coordinator's programmes, from a provider elsewhere.
    return (
        invoice.pk is not None
        and invoice.lines.filter(
            share__fee__enrolment__programme__country_id__in=countries
        ).exists()
    )


def can_create_invoice(user) -> bool:
    return can_use_finance(user)


def _check(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def check_can_use_finance(user) -> None:
    _check(can_use_finance(user))


def check_can_list_invoices(user) -> None:
    _check(can_list_invoices(user))


def check_can_manage_prices(user, provider) -> None:
    _check(can_manage_prices(user, provider))


def check_can_set_fee(user, enrolment, provider=None) -> None:
    _check(can_set_fee(user, enrolment, provider))


def check_can_manage_invoice(user, invoice) -> None:
    _check(can_manage_invoice(user, invoice))


def check_can_create_invoice(user) -> None:
    _check(can_create_invoice(user))
