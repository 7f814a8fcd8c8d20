"""A coordinator takes a candidate from a supervised ToE cycle to certification, in
Chromium at phone width (390 px)."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.trainers.factories import (
    CourseFactory,
    ParticipantFactory,
    StatusFactory,
    TrainerFactory,
)
from tests.training.factories import core_module

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_certifies_a_trainer_after_a_completed_toe(page, log_in, coordinator, world):
    wc = core_module("WC")
    candidate = TrainerFactory(
        full_name="Gao Yuan", country=world.china, organisation=world.provider
    )
    StatusFactory(trainer=candidate, module=wc, trained_on=datetime.date(2025, 1, 10))
    expert = TrainerFactory(full_name="Wang Min", country=world.china)
    StatusFactory(trainer=expert, module=wc, level="expert")
    toe = CourseFactory(
        kind="toe",
        module=wc,
        title="WC ToE cycle: Gao Yuan",
        country=world.china,
        supervisor=expert,
        start_date=datetime.date(2025, 2, 1),
        end_date=datetime.date(2025, 8, 29),
    )
    ParticipantFactory(course=toe, trainer=candidate)

    log_in(coordinator)
    page.goto(toe.get_absolute_url())
    page.get_by_role("link", name="Record outcome for Gao Yuan").click()
    page.get_by_label(re.compile(r"^Outcome")).select_option(label="Completed")
    page.get_by_label(re.compile(r"^Date")).fill("2025-08-29")
    page.get_by_label("Recommended for certification (ToE cycle)").check()
    page.get_by_role("button", name="Save outcome").click()
    expect(page.get_by_role("status")).to_contain_text("The outcome for Gao Yuan was saved.")

    page.get_by_role("link", name="Gao Yuan", exact=True).click()
    page.get_by_role("link", name="Certify in WC").click()
    page.get_by_label(re.compile(r"^Certified on")).fill("2025-09-15")
    page.get_by_label(re.compile(r"^Certified by")).select_option(label=str(world.provider))
    page.get_by_role("button", name="Certify").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Gao Yuan is now certified in Workplace Cooperation."
    )
    row = page.get_by_role("row").filter(has_text="Workplace Cooperation")
    expect(row).to_contain_text("Certified")
    expect(row.get_by_role("link", name="Promote to expert in WC")).to_be_visible()
    status = candidate.module_statuses.get()
    assert (status.level, status.certified_on) == ("certified", datetime.date(2025, 9, 15))
