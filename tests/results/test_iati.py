"""The IATI 2.03 activity file of a programme, validated against the official schema."""

import datetime
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from lxml import etree

from score.accounts.models import Role
from score.programmes import actions
from score.results.iati import build_iati, iati_bytes
from tests.factories import OrganisationFactory, user_with_role
from tests.results.helpers import measure
from tests.results.test_logframe import LATE, TODAY, train

pytestmark = pytest.mark.django_db

SCHEMA_DIR = Path(__file__).parent / "schemas" / "iati-2.03"


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "iati-activities-schema.xsd")))


@pytest.fixture
def programme(world):
    """A demo-like programme: donor, implementation partner, two trained enterprises with
    defect rates and cost savings, targets for everyone and for women."""
    programme = world.programme
    programme.description = "SME upgrading with CEC and UNIDO; machinery, auto parts, garments."
    programme.status = "closed"
    programme.end_date = datetime.date(2012, 12, 31)
    programme.save()
    programme.implementation_partners.add(
        OrganisationFactory(name="China Enterprise Confederation", kind="employers_organisation")
    )
    for enterprise, defects in ((world.provided, 40), (world.sponsored_private, 60)):
        train(
            programme,
            enterprise,
            classroom_on=datetime.date(2011, 3, 1),
            people=[("female", "manager"), ("male", "worker")],
            visits=[datetime.date(2011, 4, 1)],
        )
        measure(enterprise, "units_produced", 1000)
        measure(enterprise, "units_produced", 1000, wave="follow_up")
        measure(enterprise, "defective_units", 50)
        measure(enterprise, "defective_units", defects, wave="follow_up")
    measure(world.provided, "cost_savings", 5000, wave="follow_up", currency="USD")
    admin = user_with_role(Role.PROGRAMME_ADMIN)
    for indicator, value, sex in (
        ("smes_trained", 53, ""),
        ("people_trained", 784, ""),
        ("people_trained", 300, "female"),
        ("centre_of_excellence", 1, ""),
    ):
        actions.set_logframe_target(
            by=admin,
            programme=programme,
            indicator=indicator,
            country=world.china,
            target_date=LATE,
            value=Decimal(value),
            sex=sex,
        )
    return programme


def _document(programme):
    return etree.fromstring(iati_bytes(programme, today=TODAY))


def test_the_file_is_valid_against_the_iati_203_schema(programme, schema):
    document = _document(programme)
    schema.assertValid(document)


def test_a_programme_without_targets_or_records_is_valid_too(world, schema):
    schema.assertValid(build_iati(world.other_programme, today=TODAY))


def test_the_activity_carries_identifier_organisations_dates_country_and_sector(programme):
    activity = _document(programme).find("iati-activity")
    assert activity.findtext("iati-identifier") == "XM-DAC-41302-CN-P1"
    assert activity.find("reporting-org").get("ref") == "XM-DAC-41302"
    assert activity.findtext("title/narrative") == "SCORE China Phase I"
    roles = {
        (o.get("role"), o.findtext("narrative")) for o in activity.findall("participating-org")
    }
    assert roles == {
        ("2", "International Labour Organization"),
        ("1", "SECO"),
        ("4", "China Enterprise Confederation"),
    }
    assert activity.find("activity-status").get("code") == "3"
    dates = {d.get("type"): d.get("iso-date") for d in activity.findall("activity-date")}
    assert dates == {"1": "2011-01-01", "2": "2011-01-01", "3": "2012-12-31", "4": "2012-12-31"}
    country = activity.find("recipient-country")
    assert (country.get("code"), country.get("percentage")) == ("CN", "100")
    sector = activity.find("sector")
    assert (sector.get("vocabulary"), sector.get("code")) == ("1", "32130")


def _result(activity, title):
    return next(r for r in activity.findall("result") if r.findtext("title/narrative") == title)


def test_logframe_results_have_baseline_targets_and_actuals_by_sex(programme):
    activity = _document(programme).find("iati-activity")
    result = _result(activity, "Workers and managers trained")
    assert result.get("type") == "1"
    indicator = result.find("indicator")
    assert indicator.get("measure") == "1"
    baseline = indicator.find("baseline")
    assert (baseline.get("year"), baseline.get("value")) == ("2011", "0")
    (period,) = indicator.findall("period")
    assert period.find("period-end").get("iso-date") == LATE.isoformat()
    targets = {
        (
            t.findtext("dimension") or "",
            t.find("dimension").get("value") if len(t) else "all",
        ): t.get("value")
        for t in period.findall("target")
    }
    assert targets == {("", "all"): "784", ("", "female"): "300"}
    actuals = {
        (a.find("dimension").get("value") if a.find("dimension") is not None else "all"): a.get(
            "value"
        )
        for a in period.findall("actual")
    }
    assert actuals == {"all": "4", "female": "2", "male": "2"}
    for element in period.findall("actual/dimension"):
        assert element.get("name") == "sex"


def test_an_indicator_without_records_has_its_target_but_no_actual(programme):
    activity = _document(programme).find("iati-activity")
    result = _result(activity, "National centre of excellence")
    period = result.find("indicator/period")
    assert period.find("target").get("value") == "1"
    assert period.find("actual") is None


def test_kpi_outcomes_are_outcome_results_with_the_share_improved(programme):
    activity = _document(programme).find("iati-activity")
    result = _result(activity, "Defect rate")
    assert result.get("type") == "2"
    indicator = result.find("indicator")
    assert indicator.get("measure") == "2"
    actual = indicator.find("period/actual")
    assert actual.get("value") == "50"  # one of the two enterprises reporting improved
    assert "1 of 2 enterprises reporting" in actual.findtext("comment/narrative")
    savings = _result(activity, "Cost savings").find("indicator/period/actual")
    assert savings.get("value") == "100"
    assert "USD 5,000" in savings.findtext("comment/narrative")


def test_narratives_are_in_english_whatever_the_active_language(programme):
    from django.utils import translation

    with translation.override("zh-hans"):
        activity = _document(programme).find("iati-activity")
    assert _result(activity, "SMEs trained") is not None


# Download and command ----------------------------------------------------------------


@pytest.mark.parametrize("persona_name", ["admin_user", "coordinator", "donor_user"])
def test_logframe_readers_download_the_file(persona_name, request, programme, login, schema):
    user = request.getfixturevalue(persona_name)
    response = login(user).get(reverse("results:iati", args=[programme.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert "iati-CN-P1.xml" in response["Content-Disposition"]
    schema.assertValid(etree.fromstring(response.content))


@pytest.mark.parametrize(
    "persona_name",
    ["provider_staff", "trainer", "enterprise_user", "sponsor_user", "outsider"],
)
def test_other_roles_cannot_download_the_file(persona_name, request, programme, login):
    user = request.getfixturevalue(persona_name)
    response = login(user).get(reverse("results:iati", args=[programme.pk]))
    assert response.status_code == 404


def test_the_command_writes_a_valid_file(programme, schema, tmp_path):
    output = tmp_path / "cn-p1.xml"
    call_command("export_iati", programme="CN-P1", output=str(output), stderr=io.StringIO())
    schema.assertValid(etree.parse(str(output)))


def test_the_command_prints_to_standard_output_without_a_file(programme, schema):
    out = io.StringIO()
    call_command("export_iati", programme="CN-P1", stdout=out)
    schema.assertValid(etree.fromstring(out.getvalue().encode()))


def test_the_command_says_when_the_programme_is_unknown(world):
    with pytest.raises(CommandError, match="no programme NOPE"):
        call_command("export_iati", programme="NOPE")


def test_the_command_exports_only_what_the_named_user_may_see(programme, donor_user, world):
    with pytest.raises(CommandError):
        call_command("export_iati", programme="VN-P1", user=donor_user.email)
    out = io.StringIO()
    call_command("export_iati", programme="CN-P1", user=donor_user.email, stdout=out)
    assert "CN-P1" in out.getvalue()


def test_narratives_carry_their_simplified_chinese_translation_beside_the_english(
    programme, schema
):
    document = _document(programme)
    schema.assertValid(document)
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    activity = document.find("iati-activity")
    result = _result(activity, "Workers and managers trained")
    title = result.find("title")
    english, chinese = title.findall("narrative")
    assert english.get(lang) is None and chinese.get(lang) == "zh"
    assert chinese.text != english.text and any("\u4e00" <= c <= "\u9fff" for c in chinese.text)
    # Names are data: a programme's title is not translated, so it has one narrative.
    assert len(activity.find("title").findall("narrative")) == 1
