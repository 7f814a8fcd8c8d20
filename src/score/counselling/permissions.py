"""Who may change visits, improvement teams and improvement projects (DESIGN.md, "Roles").

``check_can_*`` raise PermissionDenied; ``can_*`` return a bool. Reading is decided by
``score.accounts.scopes``; these functions decide writing.

- programme admin: everything;
- country coordinator: visits of their country's programmes; teams and projects of the
  enterprises they work on;
- provider staff: visits of the enrolments their organisation delivers; teams and projects
  of those enterprises;
- trainer: plans visits for their enterprises, records and edits their own visits; coaches
  the teams and projects of their enterprises;
- enterprise user: their own enterprise's team and projects (not the visit reports);
- sponsor and donor viewers: nothing.
"""

from django.core.exceptions import PermissionDenied

from score.accounts.scopes import enrolments_visitable_by, enterprises_workable_by, scope_of


def can_view_visits(user) -> bool:
    scope = scope_of(user)
    return scope.is_admin or bool(
        scope.coordinator_countries or scope.provider_orgs or scope.is_trainer
    )


def can_add_visit(user, enrolment) -> bool:
    """May plan or record a visit for ``enrolment``."""
    if scope_of(user).is_admin:
        return True
    return enrolments_visitable_by(user).filter(pk=enrolment.pk).exists()


def can_change_visit(user, visit) -> bool:
    """May record, edit or cancel ``visit``: the admin, the coordinator of the programme's
    country, staff of the provider named on the enrolment, and the visit's own trainer (or
    any trainer of the enterprise while the visit has none)."""
    scope = scope_of(user)
    if scope.is_admin:
        return True
    enrolment = visit.enrolment
    if enrolment.programme.country_id in scope.coordinator_countries:
        return True
    if enrolment.provider_id and enrolment.provider_id in scope.provider_orgs:
        return True
    if scope.is_trainer:
        if visit.trainer_id is not None:
            return visit.trainer_id == user.pk
        return can_add_visit(user, enrolment)
    return False


def chooses_trainer(user) -> bool:
    """Whether the user picks the trainer of a visit (coordinators, provider staff, admin) or
    is the trainer themselves."""
    scope = scope_of(user)
    return scope.is_admin or bool(scope.coordinator_countries or scope.provider_orgs)


def can_work_on_enterprise(user, enterprise) -> bool:
    """May change the improvement team and projects of ``enterprise``."""
    if scope_of(user).is_admin:
        return True
    return enterprises_workable_by(user).filter(pk=enterprise.pk).exists()


def _check(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def check_can_view_visits(user) -> None:
    _check(can_view_visits(user))


def check_can_add_visit(user, enrolment) -> None:
    _check(can_add_visit(user, enrolment))


def check_can_change_visit(user, visit) -> None:
    _check(can_change_visit(user, visit))


def check_can_work_on_enterprise(user, enterprise) -> None:
    _check(can_work_on_enterprise(user, enterprise))
