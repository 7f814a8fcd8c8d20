"""The demo's SCORE China Phase I as an IATI file: valid, with the published figures."""

import datetime
import io
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings
from lxml import etree

from score.demo.loader import load_demo
from score.programmes.models import Programme
from score.results.iati import iati_bytes

pytestmark = pytest.mark.django_db

SCHEMA = Path(__file__).parent / "schemas" / "iati-2.03" / "iati-activities-schema.xsd"
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def document(django_db_setup, django_db_blocker):
    """The demo loaded once, exported once; rolled back after the module."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        load_demo(stdout=io.StringIO())
        programme = Programme.objects.select_related("country").get(code="CN-P1")
        yield etree.fromstring(iati_bytes(programme, today=datetime.date(2026, 11, 1)))
        transaction.set_rollback(True)


def _actuals(document, title):
    result = next(r for r in document.iter("result") if r.findtext("title/narrative") == title)
    values = {}
    for actual in result.iter("actual"):
        dimension = actual.find("dimension")
        values[dimension.get("value") if dimension is not None else "all"] = actual
    return values


def test_the_demo_programme_file_is_valid_iati_203(document):
    etree.XMLSchema(etree.parse(str(SCHEMA))).assertValid(document)


def test_the_demo_file_carries_the_published_reach(document):
    assert _actuals(document, "SMEs trained")["all"].get("value") == "53"
    assert _actuals(document, "Workers and managers trained")["all"].get("value") == "784"
    assert _actuals(document, "Enterprise visits")["all"].get("value") == "224"


def test_the_demo_file_carries_the_published_outcomes(document):
    savings = _actuals(document, "Cost savings")["all"]
    assert savings.get("value") == "83"
    assert "USD 18,670" in savings.findtext("comment/narrative")
    assert float(_actuals(document, "Defect rate")["all"].get("value")) == pytest.approx(70, abs=1)
    assert _actuals(document, "Material usage per unit")["all"].get("value") == "50"
    assert _actuals(document, "Energy per unit")["all"].get("value") == "30"
