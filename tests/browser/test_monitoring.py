"""A trainer records KPIs during a visit, on a phone (390 px)."""

import re

from playwright.sync_api import expect

from score.monitoring.models import Measurement
from tests.monitoring.helpers import measure
from tests.playwright_fixtures import sideways_overflow


def test_trainer_records_kpis_on_a_phone_and_sees_the_previous_value(page, log_in, trainer, world):
    measure(world.provided, "units_produced", 1000)
    measure(world.provided, "defective_units", 50)
    log_in(trainer)
    page.get_by_text("Menu", exact=True).click()
    page.get_by_role("link", name="Monitoring").click()
    page.get_by_role("link", name="Record a visit's figures").click()
    expect(page.locator("#id_value__units_produced_previous")).to_contain_text("Previous: 1000")
    page.get_by_label("Wave").select_option("follow_up")
    page.get_by_label("Period start").fill("2012-01-01")
    page.get_by_label("Period end").fill("2012-12-31")
    page.get_by_label(re.compile(r"^Output")).fill("1100")
    page.get_by_label(re.compile(r"^Defective units")).fill("40")
    page.get_by_label("An Enterprise Improvement Team exists").select_option("yes")
    assert sideways_overflow(page) <= 0
    page.get_by_role("button", name="Save all").click()
    expect(page.get_by_role("status")).to_contain_text("were saved")
    assert Measurement.objects.filter(wave="follow_up").count() == 2
    expect(page.get_by_role("table")).to_contain_text("3.6364")
