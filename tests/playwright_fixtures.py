"""Playwright (Python) driving Debian's Chromium against Django's live server.

Loaded as a plugin by tests/conftest.py so journeys in any test folder share one browser;
any test that uses the ``page`` fixture is marked ``browser``.

Playwright never downloads a browser here: we launch /usr/bin/chromium (or
$SCORE_CHROMIUM) with the flags this closed network needs."""

import os
import shutil

import pytest
from playwright.sync_api import Error

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


def reseed_after_flush(sender, **kwargs):
    """post_migrate receiver (connected in tests/conftest.py): the flush that ends a
    transactional test empties every table and then sends post_migrate, as Django does to
    recreate content types; the catalogues the data migrations seeded come back with them,
    so tests after a browser test (in the same process, or an xdist worker) find them."""
    from django.apps import apps

    # post_migrate goes to each app with a models module, in order: reseed after the last.
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender is with_models[-1]:
        _reseed_catalogues()


@pytest.fixture
def page(browser, live_server, transactional_db):
    """A phone-sized page. Browser tests need a transactional database (the live server
    is another thread); the flush after each test would lose what the migrations seeded
    (modules, indicators, practices, questionnaires), so ``reseed_after_flush`` puts it
    back. The seeds are idempotent, so they also run here."""
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


def sideways_overflow(page):
    """How many pixels the page shown scrolls sideways (0 when it fits the viewport).

    A click on a link returns once the navigation has started; reading the width then can
    meet the new document before it has an element (CI saw ``documentElement`` null), or
    the old document as it is torn down. So wait until the page has loaded and has its
    root element, and measure again if a navigation replaced the document meanwhile."""
    for _attempt in range(5):
        page.wait_for_load_state("load")
        try:
            page.wait_for_function(
                "document.readyState === 'complete' && document.documentElement !== null"
            )
            return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        except Error as error:
            if "context was destroyed" not in str(error) and "null" not in str(error):
                raise
    raise AssertionError("the page kept navigating; its width could not be measured")
