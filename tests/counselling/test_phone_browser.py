"""A trainer records a visit on a phone (Chromium at 390 px), and the counselling pages fit
the screen without sideways scrolling (Playwright fixtures: tests/playwright_fixtures.py)."""

import re

from playwright.sync_api import expect

from tests.playwright_fixtures import sideways_overflow


def test_trainer_records_a_planned_visit_from_my_week_on_a_phone(page, log_in, trainer, scene):
    log_in(trainer)
    page.get_by_text("Menu", exact=True).click()
    page.get_by_role("link", name="My week").click()
    page.get_by_role("link", name="Record — Provided Machinery, Follow-up 2").click()
    page.get_by_label(re.compile(r"^Hours")).fill("3.5")
    page.get_by_label("The improvement team took part").check()
    page.get_by_label("Findings").fill("Suggestion scheme running; 12 ideas this month.")
    page.get_by_label("Agreed next steps").fill("Measure rework on line 2.")
    page.get_by_role("button", name="Save the visit").click()
    expect(page.get_by_role("status")).to_contain_text("was recorded")
    expect(page.get_by_role("heading", name="My week")).to_be_visible()
    scene.planned_visit.refresh_from_db()
    assert scene.planned_visit.status == "done"


def test_counselling_pages_fit_a_phone_without_sideways_scrolling(page, log_in, trainer, scene):
    log_in(trainer)
    urls = [
        "/counselling/my-week/",
        "/counselling/visits/",
        "/counselling/visits/record/",
        f"/counselling/visits/{scene.done_visit.pk}/",
        f"/counselling/visits/{scene.planned_visit.pk}/record/",
        f"/counselling/enterprises/{scene.team.enterprise_id}/team/",
        f"/counselling/enterprises/{scene.project.enterprise_id}/projects/",
        f"/counselling/projects/{scene.project.pk}/",
    ]
    for url in urls:
        page.goto(url)
        overflow = sideways_overflow(page)
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px"
