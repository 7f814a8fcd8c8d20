"""The results page and its downloads: scoping, filters, bad input, query counts."""

import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tests.conftest import PERSONAS
from tests.results.helpers import more_enterprises

pytestmark = pytest.mark.django_db

URL = "/results/"


def test_page_lists_the_programmes_the_user_may_see(delivered, login, coordinator):
    response = login(coordinator).get(URL)
    assert response.status_code == 200
    assert b"CN-P1" in response.content
    assert b"VN-P1" not in response.content


def test_page_shows_the_report_with_n_beside_each_share_and_charts(delivered, login, admin_user):
    response = login(admin_user).get(URL, {"programme": "CN-P1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "67%" in html and "n = 3" in html
    assert html.count("<svg") == 2
    assert "How this is computed" in html
    assert "/results/download/pdf/?programme=CN-P1" in html


def test_htmx_request_gets_only_the_report_partial(delivered, login, admin_user):
    response = login(admin_user).get(URL, {"programme": "CN-P1"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b'id="results"' in response.content


@pytest.mark.parametrize("persona_name", PERSONAS)
def test_every_persona_gets_the_page_without_error(delivered, login, request, persona_name):
    user = request.getfixturevalue(persona_name)
    response = login(user).get(URL)
    assert response.status_code in (200, 403)


@pytest.mark.parametrize(
    "persona_name, status",
    [("admin_user", 200), ("donor_user", 200), ("sponsor_user", 200), ("outsider", 404)],
)
def test_a_programme_report_answers_by_scope(delivered, login, request, persona_name, status):
    user = request.getfixturevalue(persona_name)
    assert login(user).get(URL, {"programme": "CN-P1"}).status_code == status


def test_a_programme_the_user_may_not_see_is_not_found(delivered, login, coordinator):
    client = login(coordinator)
    assert client.get(URL, {"programme": "VN-P1"}).status_code == 404
    assert client.get("/results/download/json/", {"programme": "VN-P1"}).status_code == 404


def test_sponsor_cannot_open_another_sponsors_partnership(delivered, login, sponsor_user, world):
    import datetime

    from score.programmes.models import Partnership

    Partnership.objects.create(
        code="OTHER",
        name="Other",
        sponsor=world.provider,
        programme=world.programme,
        start_date=datetime.date(2011, 1, 1),
    )
    response = login(sponsor_user).get(URL, {"programme": "CN-P1", "partnership": "OTHER"})
    assert response.status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"programme": "CN-P1", "date_from": "not a date"},
        {"programme": "CN-P1", "date_from": "2013-01-01", "date_to": "2012-01-01"},
        {"programme": "CN-P1", "date_to": "9999-99-99"},
    ],
)
def test_bad_filters_are_explained_not_a_server_error(delivered, login, admin_user, params):
    response = login(admin_user).get(URL, params)
    assert response.status_code == 200
    assert b'class="error"' in response.content
    assert login(admin_user).get("/results/download/csv/", params).status_code == 400


def test_unknown_download_format_is_not_found(delivered, login, admin_user):
    assert (
        login(admin_user).get("/results/download/exe/", {"programme": "CN-P1"}).status_code == 404
    )


def test_downloads_go_through_the_same_scoping(delivered, login, provider_staff):
    response = login(provider_staff).get("/results/download/json/", {"programme": "CN-P1"})
    assert response.status_code == 200
    assert json.loads(response.content)["reach"]["enterprises_trained"] == 1
    assert "attachment" in response["Content-Disposition"]


def test_sponsor_downloads_xlsx_with_consenting_suppliers_only(delivered, login, sponsor_user):
    response = login(sponsor_user).get(
        "/results/download/xlsx/",
        {"programme": "CN-P1", "partnership": delivered.world.partnership.code},
    )
    book = load_workbook(io.BytesIO(response.content))
    names = {row[1] for row in book["Suppliers"].iter_rows(min_row=2, values_only=True)}
    assert names == {"Consenting Socks"}


def test_report_page_costs_the_same_queries_for_5_and_50_enterprises(
    delivered, login, admin_user, world
):
    client = login(admin_user)
    more_enterprises(world, 1)
    client.get(URL, {"programme": "CN-P1"})
    with CaptureQueriesContext(connection) as small:
        client.get(URL, {"programme": "CN-P1"})
    more_enterprises(world, 45)
    with CaptureQueriesContext(connection) as large:
        response = client.get(URL, {"programme": "CN-P1"})
    assert response.status_code == 200
    assert len(large) == len(small)


def test_results_is_in_the_menu_of_working_roles_and_viewers(delivered, login, donor_user):
    response = login(donor_user).get("/")
    assert b'href="/results/"' in response.content
