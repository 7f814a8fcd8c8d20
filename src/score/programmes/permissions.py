"""Who may change countries, organisations, programmes and partnerships.

``check_can_*`` raise PermissionDenied; ``can_*`` return a bool. Reading is decided by
``score.accounts.scopes``; these functions decide writing."""

from django.core.exceptions import PermissionDenied

from score.accounts.scopes import scope_of


def can_manage_countries(user) -> bool:
    return scope_of(user).is_admin


def can_create_organisation(user) -> bool:
    scope = scope_of(user)
    return scope.is_admin or bool(scope.coordinator_countries)


def can_edit_organisation(user, organisation) -> bool:
    scope = scope_of(user)
    return scope.is_admin or organisation.country_id in scope.coordinator_countries


def can_create_programme(user) -> bool:
    return can_create_organisation(user)


def can_edit_programme(user, programme) -> bool:
    scope = scope_of(user)
    return scope.is_admin or programme.country_id in scope.coordinator_countries


def can_create_partnership(user) -> bool:
    return can_create_organisation(user)


def can_edit_partnership(user, partnership) -> bool:
    return can_edit_programme(user, partnership.programme)


def can_set_logframe_targets(user, programme) -> bool:
    """Coordinators set the logframe targets of their countries' programmes; admins of any."""
    return can_edit_programme(user, programme)


def can_read_logframe(user, programme) -> bool:
    """Whether to offer the programme's logframe page: the same rule as
    ``scopes.logframes_visible_to`` (which the page itself fetches through), checked on a
    programme whose donors are already loaded, so a detail page spends no query on it."""
    scope = scope_of(user)
    if scope.is_admin or programme.country_id in scope.coordinator_countries:
        return True
    return any(donor.pk in scope.donor_orgs for donor in programme.donors.all())


def coordinated_countries(user):
    """Country ids a user may create programmes in; None means every country."""
    scope = scope_of(user)
    return None if scope.is_admin else scope.coordinator_countries


def _check(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def check_can_manage_countries(user) -> None:
    _check(can_manage_countries(user))


def check_can_create_organisation(user) -> None:
    _check(can_create_organisation(user))


def check_can_edit_organisation(user, organisation) -> None:
    _check(can_edit_organisation(user, organisation))


def check_can_create_programme(user) -> None:
    _check(can_create_programme(user))


def check_can_edit_programme(user, programme) -> None:
    _check(can_edit_programme(user, programme))


def check_can_create_partnership(user) -> None:
    _check(can_create_partnership(user))


def check_can_edit_partnership(user, partnership) -> None:
    _check(can_edit_partnership(user, partnership))


def check_can_set_logframe_targets(user, programme) -> None:
    _check(can_set_logframe_targets(user, programme))
