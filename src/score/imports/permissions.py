"""Who may import and export programme workbooks: programme admins and country
coordinators (coordinators only for their countries, checked row by row on import).
A survey CSV import job is for whoever may import survey responses. A job is seen only
by its owner and by admins."""

from django.http import Http404

from score.accounts.scopes import scope_of
from score.imports.models import JobKind
from score.surveys.permissions import can_enter_responses


def can_use_workbooks(user) -> bool:
    scope = scope_of(user)
    return scope.is_admin or bool(scope.coordinator_countries)


def can_view_job(user, job) -> bool:
    if job.kind == JobKind.SURVEY_CSV:
        allowed = can_enter_responses(user)
    else:
        allowed = can_use_workbooks(user)
    return allowed and (scope_of(user).is_admin or job.owner_id == user.pk)


def check_can_use_workbooks(user) -> None:
    if not can_use_workbooks(user):
        raise Http404


def check_can_view_job(user, job) -> None:
    if not can_view_job(user, job):
        raise Http404
