"""factory_boy factories for counselling: enrolments in a given state, visits, teams,
meetings, projects and their actions."""

import datetime
from decimal import Decimal

import factory

from score.accounts.models import Role
from score.counselling.models import (
    ImprovementProject,
    ImprovementTeam,
    ProjectAction,
    TeamMeeting,
    TeamMember,
    Visit,
)
from score.training.catalogue import CORE_MODULES
from score.training.models import Enrolment, Module
from tests.factories import EnterpriseFactory, PersonFactory, ProgrammeFactory, user_with_role

# The day the counselling tests live on (a Wednesday); see conftest.py.
TODAY = datetime.date(2025, 3, 12)


def days(n: int) -> datetime.date:
    """The date ``n`` days after TODAY (negative: before)."""
    return TODAY + datetime.timedelta(days=n)


def module(code: str = "WC") -> Module:
    """A core module; seeded by migration, re-created after a live-server test flushed it."""
    entry = next(m for m in CORE_MODULES if m["code"] == code)
    found, _ = Module.objects.get_or_create(
        code=code, defaults={"name": entry["name"], "order": entry["order"]}
    )
    return found


def trainer_user(**scope):
    return user_with_role(Role.TRAINER, **scope)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """An enrolment in Workplace Cooperation, registered 200 days ago."""

    class Meta:
        model = Enrolment

    enterprise = factory.SubFactory(EnterpriseFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    module = factory.LazyFunction(module)
    registered_on = factory.LazyFunction(lambda: days(-200))

    class Params:
        baseline_done = factory.Trait(status="baseline_done", baseline_on=days(-180))
        classroom_done = factory.Trait(
            status="classroom_done", baseline_on=days(-180), classroom_on=days(-150)
        )


class VisitFactory(factory.django.DjangoModelFactory):
    """A follow-up visit done ten days ago."""

    class Meta:
        model = Visit

    enrolment = factory.SubFactory(EnrolmentFactory, classroom_done=True)
    kind = "follow_up"
    sequence = factory.Sequence(lambda n: n + 1)
    status = "done"
    done_on = factory.LazyFunction(lambda: days(-10))
    hours = Decimal("3.5")
    trainer = factory.LazyFunction(trainer_user)
    findings = "Suggestion box installed."

    class Params:
        planned = factory.Trait(status="planned", planned_on=days(2), done_on=None, hours=None)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImprovementTeam

    enterprise = factory.SubFactory(EnterpriseFactory)
    formed_on = factory.LazyFunction(lambda: days(-100))


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMember

    team = factory.SubFactory(TeamFactory)
    person = factory.SubFactory(
        PersonFactory, enterprise=factory.SelfAttribute("..team.enterprise")
    )
    joined_on = factory.LazyFunction(lambda: days(-100))


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMeeting

    team = factory.SubFactory(TeamFactory)
    held_on = factory.LazyFunction(lambda: days(-30))
    decisions = "Start 5S in the sewing line."


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImprovementProject

    enterprise = factory.SubFactory(EnterpriseFactory)
    title = factory.Sequence(lambda n: f"Project {n}")
    problem = "Too many defective seams."
    kpi = "defect_rate"
    currency = "CNY"


class ProjectActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectAction

    project = factory.SubFactory(ProjectFactory)
    description = factory.Sequence(lambda n: f"Step {n}")
    due_on = factory.LazyFunction(lambda: days(14))
