"""Who may change modules, enrolments and classroom sessions (DESIGN.md, "Roles").

``check_can_*`` raise PermissionDenied; ``can_*`` return a bool. Reading is decided by
``score.accounts.scopes``; these functions decide writing:

- programme admin: everything;
- country coordinator: modules, enrolments and sessions of their country's programmes;
- provider staff: enrolments and sessions their organisation delivers;
- trainer: attendance and participants of the sessions they teach. A trainer does not move
  enrolments on or drop them (DESIGN.md gives trainers their visits, attendance and
  measurements); their baseline visit still records the baseline, through the visit;
- everyone else: read only, within their scope.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet

from score.accounts.scopes import (
    enrolments_visible_to,
    programmes_visible_to,
    scope_of,
)
from score.enterprises.models import Participation
from score.programmes.models import Programme
from score.training.models import ClassroomSession, Enrolment


def _check(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


# Modules


def can_add_module(user, programme: Programme | None = None) -> bool:
    """Programme admins anywhere; coordinators for their country's programmes."""
    scope = scope_of(user)
    if scope.is_admin:
        return True
    if programme is None:
        return bool(scope.coordinator_countries)
    return programme.country_id in scope.coordinator_countries


def programmes_for_modules(user) -> QuerySet[Programme]:
    """Programmes the user may add a module to."""
    scope = scope_of(user)
    qs = programmes_visible_to(user)
    return qs if scope.is_admin else qs.filter(country_id__in=scope.coordinator_countries)


def check_can_add_module(user, programme: Programme | None = None) -> None:
    _check(can_add_module(user, programme))


# Enrolments


def participations_enrollable_by(user) -> QuerySet[Participation]:
    """Participations in whose programme the user may enrol the enterprise in modules:
    all for admins, their country's programmes for coordinators, those their organisation
    provides for provider staff."""
    scope = scope_of(user)
    if scope.is_admin:
        return Participation.objects.all()
    q = Q(pk__in=[])
    if scope.coordinator_countries:
        q |= Q(programme__country_id__in=scope.coordinator_countries)
    if scope.provider_orgs:
        q |= Q(provider_id__in=scope.provider_orgs)
    return Participation.objects.filter(q)


def can_enrol(user, enterprise=None) -> bool:
    """Whether the user may enrol ``enterprise`` (or, without one, any enterprise)."""
    scope = scope_of(user)
    if scope.is_admin:
        return True
    if not (scope.coordinator_countries or scope.provider_orgs):
        return False
    if enterprise is None:
        return True
    return participations_enrollable_by(user).filter(enterprise=enterprise).exists()


def check_can_enrol(user, enterprise) -> None:
    _check(can_enrol(user, enterprise))


def enrolments_changeable_by(user) -> QuerySet[Enrolment]:
    """Enrolments whose status the user may move on (one query, for lists)."""
    scope = scope_of(user)
    visible = enrolments_visible_to(user)
    if scope.is_admin:
        return visible
    q = Q(pk__in=[])
    if scope.coordinator_countries:
        q |= Q(programme__country_id__in=scope.coordinator_countries)
    if scope.provider_orgs:
        q |= Q(provider_id__in=scope.provider_orgs) | Q(
            _participation_exists(provider_id__in=scope.provider_orgs)
        )
    return visible.filter(q)


def _participation_exists(**lookups) -> Exists:
    """The enrolment's enterprise takes part in the enrolment's programme like so."""
    return Exists(
        Participation.objects.filter(
            enterprise_id=OuterRef("enterprise_id"),
            programme_id=OuterRef("programme_id"),
            **lookups,
        )
    )


def can_change_enrolment(user, enrolment: Enrolment) -> bool:
    scope = scope_of(user)
    if scope.is_admin:
        return True
    if enrolment.programme.country_id in scope.coordinator_countries:
        return True
    if not scope.provider_orgs:
        return False
    return enrolments_changeable_by(user).filter(pk=enrolment.pk).exists()


def check_can_change_enrolment(user, enrolment: Enrolment) -> None:
    _check(can_change_enrolment(user, enrolment))


# Classroom sessions


def can_create_session(user) -> bool:
    scope = scope_of(user)
    return scope.is_admin or bool(scope.coordinator_countries or scope.provider_orgs)


def check_can_create_session(user) -> None:
    _check(can_create_session(user))


def can_plan_session(user, *, programme: Programme, provider=None) -> bool:
    """Whether the user may plan a session of ``programme`` delivered by ``provider``."""
    scope = scope_of(user)
    if scope.is_admin or programme.country_id in scope.coordinator_countries:
        return True
    return provider is not None and provider.pk in scope.provider_orgs


def can_edit_session(user, session: ClassroomSession) -> bool:
    return can_plan_session(user, programme=session.programme, provider=session.provider)


def check_can_edit_session(user, session: ClassroomSession) -> None:
    _check(can_edit_session(user, session))


def can_take_attendance(user, session: ClassroomSession) -> bool:
    """Session managers, and the trainers who teach the session (attendance and the list
    of participants)."""
    if can_edit_session(user, session):
        return True
    if not scope_of(user).is_trainer:
        return False
    return any(t.pk == user.pk for t in session.trainers.all())  # prefetched on pages


def check_can_take_attendance(user, session: ClassroomSession) -> None:
    _check(can_take_attendance(user, session))
