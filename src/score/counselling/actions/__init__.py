"""Every write to visits, improvement teams and improvement projects, and the reminders.
One module per noun; import them from here (``from score.counselling import actions``).

Visits: ``plan_visit``, ``record_visit`` (a new visit that took place, or a planned one
completed), ``update_visit``, ``cancel_visit``, ``add_visit_photo``.
Teams: ``form_team``, ``add_team_member``, ``update_team_member``, ``record_team_meeting``.
Projects: ``create_project``, ``update_project``, one action per transition
(``start_project``, ``complete_project``, ``drop_project``), ``add_project_action``,
``set_project_action_done``, ``add_project_photo``.
Reminders: ``send_visit_reminders``.
"""

from score.counselling.actions.common import (
    CounsellingError,
    ProjectRuleError,
    ProjectTransitionError,
    TeamRuleError,
    VisitRuleError,
)
from score.counselling.actions.projects import (
    add_project_action,
    add_project_photo,
    complete_project,
    create_project,
    drop_project,
    set_project_action_done,
    start_project,
    update_project,
)
from score.counselling.actions.reminders import ReminderReport, send_visit_reminders
from score.counselling.actions.teams import (
    add_team_member,
    form_team,
    record_team_meeting,
    update_team_member,
)
from score.counselling.actions.visits import (
    add_visit_photo,
    cancel_visit,
    plan_visit,
    record_visit,
    update_visit,
)

__all__ = [
    "CounsellingError",
    "ProjectRuleError",
    "ProjectTransitionError",
    "ReminderReport",
    "TeamRuleError",
    "VisitRuleError",
    "add_project_action",
    "add_project_photo",
    "add_team_member",
    "add_visit_photo",
    "cancel_visit",
    "complete_project",
    "create_project",
    "drop_project",
    "form_team",
    "plan_visit",
    "record_team_meeting",
    "record_visit",
    "send_visit_reminders",
    "set_project_action_done",
    "start_project",
    "update_project",
    "update_team_member",
    "update_visit",
]
