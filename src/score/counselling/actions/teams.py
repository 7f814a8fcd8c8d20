"""Enterprise Improvement Teams: forming one, its members and its meetings."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from score.core.records import create_record, update_record
from score.counselling.actions.common import (
    TeamRuleError,
    check_not_before,
    check_not_in_future,
    local_today,
)
from score.counselling.models import ImprovementTeam, TeamMeeting, TeamMember, TeamRole
from score.enterprises.models import Participation


@transaction.atomic
def form_team(
    *,
    by,
    enterprise,
    programme=None,
    formed_on: datetime.date | None = None,
    notes: str = "",
) -> ImprovementTeam:
    if (
        programme is not None
        and not Participation.objects.filter(enterprise=enterprise, programme=programme).exists()
    ):
        raise TeamRuleError(
            _(
                "%(enterprise)s does not take part in %(programme)s. Choose one of its "
                "programmes, or none."
            )
            % {"enterprise": enterprise, "programme": programme.code},
            field="programme",
        )
    if ImprovementTeam.objects.filter(enterprise=enterprise, programme=programme).exists():
        raise TeamRuleError(
            _("%(enterprise)s already has an improvement team%(for)s. Add members to it instead.")
            % {
                "enterprise": enterprise,
                "for": _(" for %(code)s") % {"code": programme.code} if programme else "",
            },
            field="programme",
        )
    check_not_in_future(formed_on, field="formed_on", what=_("The date the team was formed"))
    return create_record(
        ImprovementTeam,
        by=by,
        verb="form_team",
        fields={
            "enterprise": enterprise,
            "programme": programme,
            "formed_on": formed_on,
            "notes": notes.strip(),
        },
    )


def _check_after_forming(team: ImprovementTeam, on: datetime.date | None, *, field: str) -> None:
    check_not_before(
        on,
        team.formed_on,
        field=field,
        error=TeamRuleError,
        message=_(
            "%(date)s is before the team was formed (%(earliest)s). Check the date, or "
            "correct the date the team was formed."
        ),
    )


@transaction.atomic
def add_team_member(
    *,
    by,
    team: ImprovementTeam,
    person,
    team_role: str = TeamRole.MEMBER,
    joined_on: datetime.date | None = None,
) -> TeamMember:
    if person.enterprise_id != team.enterprise_id:
        raise TeamRuleError(
            _(
                "%(person)s is not recorded at %(enterprise)s. Add them to the enterprise's "
                "people first."
            )
            % {"person": person, "enterprise": team.enterprise},
            field="person",
        )
    if TeamMember.objects.filter(team=team, person=person, left_on__isnull=True).exists():
        raise TeamRuleError(
            _("%(person)s is already on the team.") % {"person": person}, field="person"
        )
    joined_on = joined_on or local_today()
    check_not_in_future(joined_on, field="joined_on", what=_("The date they joined"))
    _check_after_forming(team, joined_on, field="joined_on")
    return create_record(
        TeamMember,
        by=by,
        verb="add_team_member",
        fields={"team": team, "person": person, "team_role": team_role, "joined_on": joined_on},
    )


@transaction.atomic
def update_team_member(
    *,
    by,
    member: TeamMember,
    team_role: str,
    joined_on: datetime.date,
    left_on: datetime.date | None = None,
) -> TeamMember:
    check_not_in_future(joined_on, field="joined_on", what=_("The date they joined"))
    check_not_in_future(left_on, field="left_on", what=_("The date they left"))
    _check_after_forming(member.team, joined_on, field="joined_on")
    return update_record(
        member,
        by=by,
        verb="update_team_member",
        fields={"team_role": team_role, "joined_on": joined_on, "left_on": left_on},
    )


@transaction.atomic
def record_team_meeting(
    *, by, team: ImprovementTeam, held_on: datetime.date, decisions: str, attendees=()
) -> TeamMeeting:
    check_not_in_future(held_on, field="held_on", what=_("The meeting date"))
    _check_after_forming(team, held_on, field="held_on")
    if not decisions or not decisions.strip():
        raise TeamRuleError(
            _("Write down what the team decided, even briefly; it is what the trainer follows up."),
            field="decisions",
        )
    attendees = list(attendees)
    absent = [
        member
        for member in attendees
        if member.team_id != team.pk
        or member.joined_on > held_on
        or (member.left_on is not None and member.left_on < held_on)
    ]
    if absent:
        raise TeamRuleError(
            _(
                "%(names)s were not on the team on %(date)s. Untick them, or correct the dates "
                "they joined or left."
            )
            % {"names": ", ".join(str(m) for m in absent), "date": held_on},
            field="attendees",
        )
    return create_record(
        TeamMeeting,
        by=by,
        verb="record_team_meeting",
        fields={
            "team": team,
            "held_on": held_on,
            "decisions": decisions.strip(),
            "created_by": by if getattr(by, "pk", None) else None,
        },
        many={"attendees": attendees},
    )
