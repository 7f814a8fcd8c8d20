"""Every page without URL arguments answers every persona without a server error, and
garbage posted to every form gives a page, not a 500. Per-app tests check the content."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

SKIP_PREFIXES = ("admin/", "i18n/", "logout/", "static/", "media/", "api/")


def _walk(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and "<" not in route and "(?P" not in route:
            yield "/" + route.lstrip("^").rstrip("$")


def plain_urls():
    return sorted(
        {
            u
            for u in _walk(get_resolver().url_patterns)
            if not u.lstrip("/").startswith(SKIP_PREFIXES)
        }
    )


@pytest.mark.parametrize("url", plain_urls())
def test_page_answers_every_persona_without_a_server_error(persona, login, url):
    _, user = persona
    response = login(user).get(url)
    assert response.status_code in (200, 302, 403, 404), response.status_code


@pytest.mark.parametrize("url", plain_urls())
def test_garbage_posted_to_a_page_is_answered_without_a_server_error(coordinator, login, url):
    client = login(coordinator)
    garbage = {
        "code": "\x00<script>",
        "name": "x" * 5000,
        "start_date": "31/31/2031",
        "end_date": "yesterday",
        "country": "999999",
        "programme": "abc",
        "budget": "-1e999",
        "employees_female": "1e9",
        "q": "' OR 1=1 --",
        "page": "-7",
    }
    response = client.post(url, garbage)
    assert response.status_code in (200, 302, 400, 403, 404, 405), response.status_code
