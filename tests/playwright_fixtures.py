"""Playwright (Python) driving Debian's Chromium against Django's live server.

Loaded as a plugin by tests/conftest.py so journeys in any test folder share one browser;
any test that uses the ``page`` fixture is marked ``browser``.

Playwright never downloads a browser here: we launch /usr/bin/chromium (or
$SCORE_CHROMIUM) with the flags this closed network needs."""

import os
import shutil

import pytest

from tests.conftest import PASSWORD

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

CHROMIUM = os.environ.get("SCORE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


SEEDS = [
    "score.training.migrations.0002_seed_core_modules",
    "score.monitoring.migrations.0002_seed",
    "score.surveys.migrations.0002_seed_questionnaires",
]


def _reseed_catalogues():
    import importlib

    from django.apps import apps

    for name in SEEDS:
        importlib.import_module(name).seed(apps, None)


@pytest.fixture
def page(browser, live_server, django_db_serialized_rollback):
    """A phone-sized page. Browser tests need a transactional database (the live server
    is another thread); serialized rollback restores what the migrations seeded (modules,
    indicators, practices, questionnaires), which the flush after each test would lose.
    The seeds are idempotent, so they also run here in case the restore missed them."""
    _reseed_catalogues()
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def log_in(page):
    def _log_in(user, password=PASSWORD):
        page.goto("/login/")
        page.get_by_label("E-mail address").fill(user.email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url("**/")
        return page

    return _log_in
