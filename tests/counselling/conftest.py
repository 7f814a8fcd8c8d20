"""Counselling on top of the personas' world (tests/conftest.py), on a fixed day.

- ``provided`` (the ``trainer`` persona is assigned to it, ``world.provider`` delivers it)
  is enrolled in Workplace Cooperation, classroom done; it has a done visit and a planned
  visit by the ``trainer``, and a done visit by another trainer;
- ``unrelated_cn`` (the ``enterprise_user`` persona's) is enrolled with another provider and
  has a visit by another trainer;
- ``foreign`` (Viet Nam) is enrolled in VN-P1 and has a visit.
Each of ``provided`` and ``unrelated_cn`` has an improvement team and a project.
"""

from dataclasses import dataclass

import pytest
from django.utils import timezone

from tests.counselling.factories import (
    TODAY,
    EnrolmentFactory,
    ProjectFactory,
    TeamFactory,
    TeamMemberFactory,
    VisitFactory,
    days,
    trainer_user,
)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """Freeze the date the app and the training actions read."""
    monkeypatch.setattr(timezone, "localdate", lambda value=None, timezone=None: TODAY)
    return TODAY


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@dataclass
class Scene:
    other_trainer: object
    enrolment: object  # provided, WC, classroom done
    done_visit: object  # provided, by the trainer persona
    planned_visit: object  # provided, by the trainer persona
    others_visit: object  # provided, by another trainer
    unrelated_enrolment: object
    unrelated_visit: object
    foreign_visit: object
    team: object  # provided's team
    unrelated_team: object
    project: object  # provided's
    unrelated_project: object


@pytest.fixture
def scene(world, trainer):
    other = trainer_user(organisation=world.other_provider)
    enrolment = EnrolmentFactory(
        enterprise=world.provided,
        programme=world.programme,
        provider=world.provider,
        trainer=trainer,
        classroom_done=True,
    )
    unrelated = EnrolmentFactory(
        enterprise=world.unrelated_cn,
        programme=world.programme,
        provider=world.other_provider,
        classroom_done=True,
    )
    foreign = EnrolmentFactory(
        enterprise=world.foreign, programme=world.other_programme, classroom_done=True
    )
    team = TeamFactory(enterprise=world.provided, programme=world.programme)
    TeamMemberFactory(team=team, person__role="manager")
    TeamMemberFactory(team=team, person__role="worker")
    unrelated_team = TeamFactory(enterprise=world.unrelated_cn)
    return Scene(
        other_trainer=other,
        enrolment=enrolment,
        done_visit=VisitFactory(enrolment=enrolment, trainer=trainer, sequence=1),
        planned_visit=VisitFactory(enrolment=enrolment, trainer=trainer, sequence=2, planned=True),
        others_visit=VisitFactory(
            enrolment=enrolment, trainer=other, kind="final", sequence=1, done_on=days(-5)
        ),
        unrelated_enrolment=unrelated,
        unrelated_visit=VisitFactory(enrolment=unrelated, trainer=other, sequence=1),
        foreign_visit=VisitFactory(enrolment=foreign, trainer=other, sequence=1),
        team=team,
        unrelated_team=unrelated_team,
        project=ProjectFactory(enterprise=world.provided, team=team),
        unrelated_project=ProjectFactory(enterprise=world.unrelated_cn, team=unrelated_team),
    )
