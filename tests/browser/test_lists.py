"""Every list page filters in place with htmx: typing replaces the results, once."""

import pytest
from playwright.sync_api import expect

LISTS = [
    "/enterprises/",
    "/programmes/",
    "/programmes/organisations/",
    "/programmes/partnerships/",
    "/programmes/countries/",
    "/training/modules/",
    "/training/sessions/",
    "/counselling/visits/",
]


@pytest.mark.parametrize("url", LISTS)
def test_list_filters_replace_the_results_without_nesting_them(page, log_in, admin_user, url):
    log_in(admin_user)
    page.goto(url)
    search = page.get_by_role("searchbox")
    if search.count() == 0:
        page.get_by_role("button", name="Filter").click()
    else:
        with page.expect_response(lambda r: url in r.url and r.request.headers.get("hx-request")):
            search.first.fill("zzz-nothing-matches")
    expect(page.locator("#results")).to_have_count(1)
    expect(page.locator("#results #results")).to_have_count(0)
