"""User journeys through the enterprise pages, in Chromium at phone width (390 px)."""

import re

from playwright.sync_api import expect

from score.enterprises.models import Enterprise
from tests.playwright_fixtures import sideways_overflow


def test_coordinator_creates_an_enterprise_and_finds_it_in_the_list(page, log_in, coordinator):
    log_in(coordinator)
    page.get_by_text("Menu", exact=True).click()
    page.get_by_role("link", name="Enterprises").click()
    page.get_by_role("link", name="New enterprise").click()
    page.get_by_label(re.compile(r"^Code")).fill("CN-LN-900")
    page.get_by_label(re.compile(r"^Name")).fill("Dalian Valve Works Co., Ltd.")
    page.get_by_label(re.compile(r"^Country")).select_option(label="China")
    page.get_by_label(re.compile(r"^Region")).fill("Liaoning")
    page.get_by_label("Sector (ISIC section)").select_option("C")
    page.get_by_label(re.compile(r"^Female employees")).fill("45")
    page.get_by_label(re.compile(r"^Male employees")).fill("120")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("was created")
    assert Enterprise.objects.get(code="CN-LN-900").size_class == "medium"

    page.get_by_text("Menu", exact=True).click()
    page.get_by_role("link", name="Enterprises").click()
    page.get_by_role("searchbox").fill("Valve")
    expect(page.locator("#results")).to_contain_text("Dalian Valve Works")
    expect(page.locator("#results")).to_contain_text("1 enterprise")


def test_coordinator_sees_a_clear_message_for_a_bad_enterprise_form(page, log_in, coordinator):
    log_in(coordinator)
    page.goto("/enterprises/new/")
    page.get_by_label(re.compile(r"^Code")).fill("bad code!")
    page.get_by_label(re.compile(r"^Male employees")).fill("-5")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".field.has-error").first).to_be_visible()
    expect(page.get_by_text(re.compile("letters, digits"))).to_be_visible()


def test_sponsor_does_not_see_an_enterprise_it_does_not_sponsor(page, log_in, sponsor_user, world):
    log_in(sponsor_user)
    page.goto("/enterprises/")
    results = page.locator("#results")
    expect(results).to_contain_text(world.sponsored_consenting.name)
    expect(results).not_to_contain_text(world.unrelated_cn.name)
    expect(results).not_to_contain_text(world.sponsored_private.name)
    response = page.goto(f"/enterprises/{world.unrelated_cn.pk}/")
    assert response.status == 404


def test_pages_fit_a_phone_without_sideways_scrolling(page, log_in, coordinator):
    log_in(coordinator)
    for url in ("/", "/enterprises/", "/enterprises/new/"):
        page.goto(url)
        overflow = sideways_overflow(page)
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px"


def test_main_menu_is_shown_without_a_click_on_a_wide_screen(page, log_in, coordinator):
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(coordinator)
    expect(page.get_by_role("link", name="Enterprises")).to_be_visible()
    expect(page.get_by_text("Menu", exact=True)).to_be_hidden()


def test_main_menu_is_folded_on_a_phone_until_opened(page, log_in, coordinator):
    log_in(coordinator)
    expect(page.get_by_role("link", name="Enterprises")).to_be_hidden()
    page.get_by_text("Menu", exact=True).click()
    expect(page.get_by_role("link", name="Enterprises")).to_be_visible()
