"""Every page a demo user can reach by following links answers without a server error.

The per-app tests check what pages say; this one walks the loaded demo as each role does —
from the home page, following every link inside the site, breadth first — so a page with
arguments (an enterprise, a visit, a trainer, a report) that breaks on real data is found.
Downloads that render a PDF are skipped (the results and training tests open those)."""

import io
import re
from collections import deque
from html import unescape
from urllib.parse import urldefrag, urlsplit

import pytest
from django.db import transaction
from django.test import override_settings

from score.accounts.models import User
from score.demo import data
from score.demo.loader import load_demo

pytestmark = pytest.mark.django_db

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
PAGES_PER_ROLE = 150
PER_SHAPE = 2  # pages per URL shape (/enterprises/N/people/N): breadth over repetition
SKIP = re.compile(
    r"^/(admin/|i18n/|logout/|static/|media/)|/download/pdf/|certificate|\.pdf$|/photos?/"
)
LINK = re.compile(r'href="([^"]+)"')


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        load_demo(stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def _links(html: str) -> list[str]:
    found = []
    for href in LINK.findall(html):
        url, _fragment = urldefrag(unescape(href))
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        found.append(url)
    return found


def _shape(url: str) -> str:
    path, _, query = url.partition("?")
    return re.sub(r"\d+", "N", path) + ("?" if query else "")


def crawl(client, start="/", limit=PAGES_PER_ROLE):
    """Visit up to ``limit`` pages from ``start``, at most PER_SHAPE of each URL shape;
    return [(url, status, the page that linked to it)] of each."""
    seen, queue, visited, shapes = {start}, deque([(start, "")]), [], {}
    while queue and len(visited) < limit:
        url, source = queue.popleft()
        response = client.get(url)
        visited.append((url, response.status_code, source))
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or not content_type.startswith("text/html"):
            continue
        for link in _links(response.content.decode()):
            shape = _shape(link)
            if link in seen or SKIP.search(link) or shapes.get(shape, 0) >= PER_SHAPE:
                continue
            seen.add(link)
            shapes[shape] = shapes.get(shape, 0) + 1
            queue.append((link, url))
    return visited


@pytest.mark.parametrize("email", [user.email for user in data.USERS])
def test_every_page_a_demo_user_reaches_answers_without_an_error(demo, db, client, email):
    client.force_login(User.objects.get(email=email))
    visited = crawl(client)
    errors = [(url, status, source) for url, status, source in visited if status >= 500]
    assert not errors, errors
    # A page never links to one the user may not open.
    dead = [(url, status, source) for url, status, source in visited if status in (403, 404)]
    assert not dead, dead
    assert len(visited) > 5, "the crawl should reach the user's pages"
