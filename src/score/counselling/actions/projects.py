"""Improvement projects: one action per status transition, their action items and photos."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from score.core.records import create_record, update_record
from score.counselling.actions.common import (
    ProjectRuleError,
    ProjectTransitionError,
    check_not_before,
    check_not_in_future,
    check_not_too_far_ahead,
    local_today,
)
from score.counselling.models import ImprovementProject, ProjectAction, ProjectPhoto, ProjectStatus

PROJECT_FIELDS = frozenset(
    {
        "title",
        "problem",
        "team",
        "module",
        "kpi",
        "currency",
        "cost",
        "expected_savings",
        "actual_savings",
    }
)


@transaction.atomic
def create_project(*, by, enterprise, title: str, problem: str, **fields) -> ImprovementProject:
    if set(fields) - PROJECT_FIELDS:
        raise TypeError(f"create_project does not take {sorted(set(fields) - PROJECT_FIELDS)}")
    if not fields.get("currency"):
        fields["currency"] = enterprise.country.currency
    return create_record(
        ImprovementProject,
        by=by,
        verb="create_project",
        fields={
            "enterprise": enterprise,
            "title": title.strip(),
            "problem": problem.strip(),
            "created_by": by if getattr(by, "pk", None) else None,
            **fields,
        },
    )


@transaction.atomic
def update_project(*, by, project: ImprovementProject, **fields) -> ImprovementProject:
    if set(fields) - PROJECT_FIELDS:
        raise TypeError(f"update_project cannot change {sorted(set(fields) - PROJECT_FIELDS)}")
    return update_record(project, by=by, fields=fields, verb="update_project")


def _project_hint(project: ImprovementProject) -> str:
    return {
        ProjectStatus.PLANNED: _("Start it first."),
        ProjectStatus.IN_PROGRESS: _("Mark it done or drop it."),
        ProjectStatus.DONE: _("It is already done."),
        ProjectStatus.DROPPED: _(
            "It was dropped; add a new project if the team takes it up again."
        ),
    }[project.status]


def _move_project(
    project: ImprovementProject, *, by, allowed_from, to, date_field, on, verb, extra=None
) -> ImprovementProject:
    if project.status not in allowed_from:
        raise ProjectTransitionError(
            _("“%(project)s” is %(status)s, so it cannot be marked %(to)s. %(hint)s")
            % {
                "project": project,
                "status": project.get_status_display().lower(),
                "to": ProjectStatus(to).label.lower(),
                "hint": _project_hint(project),
            }
        )
    on = on or local_today()
    check_not_in_future(on, field=date_field, what=_("The date"))
    if project.started_on and on < project.started_on and date_field != "started_on":
        raise ProjectRuleError(
            _("%(date)s is before the project started (%(started)s). Check the date.")
            % {"date": on, "started": project.started_on},
            field=date_field,
        )
    return update_record(
        project, by=by, verb=verb, fields={"status": to, date_field: on, **(extra or {})}
    )


@transaction.atomic
def start_project(*, by, project: ImprovementProject, on=None) -> ImprovementProject:
    return _move_project(
        project,
        by=by,
        allowed_from=[ProjectStatus.PLANNED],
        to=ProjectStatus.IN_PROGRESS,
        date_field="started_on",
        on=on,
        verb="start_project",
    )


@transaction.atomic
def complete_project(
    *, by, project: ImprovementProject, on=None, actual_savings=None
) -> ImprovementProject:
    extra = {"actual_savings": actual_savings} if actual_savings is not None else {}
    return _move_project(
        project,
        by=by,
        allowed_from=[ProjectStatus.IN_PROGRESS],
        to=ProjectStatus.DONE,
        date_field="finished_on",
        on=on,
        verb="complete_project",
        extra=extra,
    )


@transaction.atomic
def drop_project(*, by, project: ImprovementProject, reason: str, on=None) -> ImprovementProject:
    if not reason or not reason.strip():
        raise ProjectRuleError(
            _("Say why the project was dropped; the reason helps the next project."),
            field="reason",
        )
    return _move_project(
        project,
        by=by,
        allowed_from=[ProjectStatus.PLANNED, ProjectStatus.IN_PROGRESS],
        to=ProjectStatus.DROPPED,
        date_field="dropped_on",
        on=on,
        verb="drop_project",
        extra={"dropped_reason": reason.strip()},
    )


@transaction.atomic
def add_project_action(
    *,
    by,
    project: ImprovementProject,
    description: str,
    owner=None,
    owner_name: str = "",
    due_on: datetime.date | None = None,
) -> ProjectAction:
    if owner is not None and owner.enterprise_id != project.enterprise_id:
        raise ProjectRuleError(
            _("%(person)s is not recorded at %(enterprise)s. Choose one of its people.")
            % {"person": owner, "enterprise": project.enterprise},
            field="owner",
        )
    if not description or not description.strip():
        raise ProjectRuleError(_("Say what is to be done."), field="description")
    check_not_before(
        due_on,
        project.started_on,
        field="due_on",
        error=ProjectRuleError,
        message=_(
            "The due date %(date)s is before the project started (%(earliest)s). Give a date "
            "on or after the start."
        ),
    )
    check_not_too_far_ahead(due_on, field="due_on", what=_("The due date"))
    return create_record(
        ProjectAction,
        by=by,
        verb="add_project_action",
        fields={
            "project": project,
            "description": description.strip(),
            "owner": owner,
            "owner_name": "" if owner is not None else owner_name.strip(),
            "due_on": due_on,
        },
    )


@transaction.atomic
def set_project_action_done(*, by, item: ProjectAction, done: bool, on=None) -> ProjectAction:
    if done:
        check_not_in_future(on, field="done_on", what=_("The date it was done"))
    return update_record(
        item,
        by=by,
        verb="set_project_action_done",
        fields={"done": done, "done_on": (on or local_today()) if done else None},
    )


@transaction.atomic
def add_project_photo(
    *, by, project: ImprovementProject, stage: str, file, caption: str = ""
) -> ProjectPhoto:
    return create_record(
        ProjectPhoto,
        by=by,
        verb="add_project_photo",
        fields={
            "project": project,
            "stage": stage,
            "file": file,
            "caption": caption.strip(),
            "uploaded_by": by if getattr(by, "pk", None) else None,
        },
    )
