"""Who may change the trainer network (DESIGN.md, "Roles").

``check_can_*`` raise PermissionDenied; ``can_*`` return a bool. Reading is decided by
``score.accounts.scopes`` (``trainers_visible_to`` and siblings); these decide writing:

- programme admin: everything;
- country coordinator: trainers, courses, certifications and reviews of their country;
- provider staff: the records (not certifications) of their organisation's trainers,
  and quality reviews of them;
- trainers and everyone else: read only, within their scope.

The pipeline (the network's figures) is for programme staff: the admin, coordinators and
provider staff (``can_view_pipeline``); pages link to it only for them.
"""

from django.core.exceptions import PermissionDenied

from score.accounts.scopes import scope_of


def _check(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def can_create_trainer(user) -> bool:
    scope = scope_of(user)
    return scope.is_admin or bool(scope.coordinator_countries or scope.provider_orgs)


def can_edit_trainer(user, trainer) -> bool:
    scope = scope_of(user)
    return (
        scope.is_admin
        or trainer.country_id in scope.coordinator_countries
        or (trainer.organisation_id is not None and trainer.organisation_id in scope.provider_orgs)
    )


def can_certify(user, trainer) -> bool:
    """Certify, promote to expert and renew: the programme, not the provider, decides."""
    scope = scope_of(user)
    return scope.is_admin or trainer.country_id in scope.coordinator_countries


def can_review(user, trainer) -> bool:
    return can_edit_trainer(user, trainer)


def can_create_course(user) -> bool:
    scope = scope_of(user)
    return scope.is_admin or bool(scope.coordinator_countries)


def can_manage_course(user, course) -> bool:
    scope = scope_of(user)
    return scope.is_admin or course.country_id in scope.coordinator_countries


def can_view_pipeline(user) -> bool:
    scope = scope_of(user)
    return scope.is_admin or bool(scope.coordinator_countries or scope.provider_orgs)


def check_can_create_trainer(user) -> None:
    _check(can_create_trainer(user))


def check_can_edit_trainer(user, trainer) -> None:
    _check(can_edit_trainer(user, trainer))


def check_can_certify(user, trainer) -> None:
    _check(can_certify(user, trainer))


def check_can_review(user, trainer) -> None:
    _check(can_review(user, trainer))


def check_can_create_course(user) -> None:
    _check(can_create_course(user))


def check_can_manage_course(user, course) -> None:
    _check(can_manage_course(user, course))
