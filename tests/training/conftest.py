"""The training world: enrolments and classes on top of the personas' world.

- ``provided`` (delivered by ``world.provider``; the ``trainer`` persona is assigned to it)
  is enrolled in Workplace Cooperation (baseline done) and has completed Quality
  Management; it is in ``session``, a CN-P1 class delivered by ``world.provider``;
- ``unrelated_cn`` (the ``enterprise_user`` persona's) and ``sponsored_consenting`` (which
  the ``sponsor_user`` persona may see) are enrolled in Workplace Cooperation, in no class;
- ``foreign`` is enrolled in VN-P1, in ``foreign_session``; VN-P1 has its own module.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import PersonFactory
from tests.training.factories import (
    EnrolmentFactory,
    ModuleFactory,
    ParticipantFactory,
    SessionFactory,
    core_module,
)


@pytest.fixture(autouse=True)
def _site_language_again():
    """A request in Chinese leaves Chinese active on the thread; start each test afresh."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@dataclass
class Classes:
    enrolment: object  # provided, WC, baseline done
    completed: object  # provided, QM, completed
    own: object  # unrelated_cn, WC, registered
    consenting: object  # sponsored_consenting, WC, registered
    foreign: object  # foreign, WC in VN-P1
    session: object
    participant: object
    foreign_session: object
    vn_module: object


@pytest.fixture
def classes(world):
    enrolment = EnrolmentFactory(
        enterprise=world.provided,
        programme=world.programme,
        provider=world.provider,
        status="baseline_done",
        baseline_on=datetime.date(2012, 2, 1),
    )
    completed = EnrolmentFactory(
        enterprise=world.provided,
        programme=world.programme,
        module=core_module("QM"),
        provider=world.provider,
        status="completed",
        completed_on=datetime.date(2012, 9, 30),
    )
    own = EnrolmentFactory(enterprise=world.unrelated_cn, programme=world.programme)
    consenting = EnrolmentFactory(enterprise=world.sponsored_consenting, programme=world.programme)
    foreign = EnrolmentFactory(enterprise=world.foreign, programme=world.other_programme)
    session = SessionFactory(
        programme=world.programme, provider=world.provider, enrolments=[enrolment]
    )
    participant = ParticipantFactory(
        session=session, person=PersonFactory(enterprise=world.provided, role="manager")
    )
    foreign_session = SessionFactory(programme=world.other_programme, enrolments=[foreign])
    vn_module = ModuleFactory(code="VN-LEAN", name="Lean", programme=world.other_programme)
    return Classes(
        enrolment,
        completed,
        own,
        consenting,
        foreign,
        session,
        participant,
        foreign_session,
        vn_module,
    )
