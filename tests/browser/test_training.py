"""Training journeys through the training pages, in Chromium at phone width (390 px)."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PersonFactory
from tests.training.factories import (
    EnrolmentFactory,
    ParticipantFactory,
    SessionFactory,
    core_module,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_enrols_an_enterprise_and_is_refused_a_classroom_before_its_baseline(
    page, log_in, coordinator, world
):
    core_module()  # a transactional database may have lost the seeded modules
    log_in(coordinator)
    page.goto(f"/training/enterprises/{world.provided.pk}/enrolments/")
    page.get_by_label(re.compile(r"^Programme")).select_option(label=str(world.programme))
    page.get_by_label(re.compile(r"^Module")).select_option(label=str(core_module()))
    page.get_by_role("button", name="Enrol").click()
    expect(page.get_by_role("status")).to_contain_text("Record its baseline visit next")

    page.get_by_role("button", name=re.compile("Record the classroom training as done")).click()
    expect(page.get_by_role("status")).to_contain_text(
        "no enterprise may attend the Workplace Cooperation classroom without one. "
        "Record its baseline visit first."
    )
    expect(page.get_by_role("cell", name="Registered")).to_be_visible()


def test_trainer_ticks_attendance_on_a_phone(page, log_in, trainer, world):
    enrolment = EnrolmentFactory(
        enterprise=world.provided, programme=world.programme, provider=world.provider
    )
    session = SessionFactory(programme=world.programme, enrolments=[enrolment], trainers=[trainer])
    participant = ParticipantFactory(
        session=session, person=PersonFactory(enterprise=world.provided, role="manager")
    )
    log_in(trainer)
    page.goto(session.get_absolute_url())
    boxes = page.get_by_role("checkbox", name=re.compile("present"))
    expect(boxes).to_have_count(2)
    boxes.first.check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.locator("#attendance")).to_contain_text("Attendance saved: 1 tick for present")
    assert participant.attendance.filter(present=True).count() == 1
