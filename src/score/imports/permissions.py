"""Who may import and export programme workbooks: programme admins and country
coordinators (coordinators only for their countries, checked row by row on import)."""

from django.http import Http404

from score.accounts.scopes import scope_of


def can_use_workbooks(user) -> bool:
    scope = scope_of(user)
    return scope.is_admin or bool(scope.coordinator_countries)


def can_view_job(user, job) -> bool:
    return can_use_workbooks(user) and (scope_of(user).is_admin or job.owner_id == user.pk)


def check_can_use_workbooks(user) -> None:
    if not can_use_workbooks(user):
        raise Http404


def check_can_view_job(user, job) -> None:
    if not can_view_job(user, job):
        raise Http404
