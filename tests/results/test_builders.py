"""The results report: figures against the references, scoping per persona, query counts."""

import datetime
import json

import pytest

from score.enterprises.models import Enterprise
from score.programmes.models import Partnership, Programme
from score.results.builders import build_results, report_enterprises
from tests.results import reference
from tests.results.helpers import more_enterprises

pytestmark = pytest.mark.django_db


def _outcome(report, code):
    return next(o for o in report["outcomes"] if o["indicator"] == code)


def test_report_is_plain_json_with_the_documented_keys(delivered, admin_user):
    report = build_results(admin_user, programme="CN-P1")
    assert json.loads(json.dumps(report)) == report
    assert {
        "scope",
        "reach",
        "outcomes",
        "practices",
        "surveys",
        "breakdowns",
        "notes",
        "definitions",
    } <= set(report)
    assert {
        "enterprises_trained",
        "participants",
        "participants_female",
        "enterprise_visits",
        "workforce",
    } <= set(report["reach"])
    assert {"country", "module", "sector", "size_class", "sex"} == set(report["breakdowns"])


def test_reach_agrees_with_the_reference(delivered, admin_user):
    world = delivered.world
    report = build_results(admin_user, programme=world.programme)
    expected = reference.reach(
        world.programme, Enterprise.objects.filter(participations__programme=world.programme)
    )
    for key, value in expected.items():
        assert report["reach"][key] == value, key
    assert report["reach"]["enterprises_trained"] == 4
    assert report["reach"]["participants"] == 8
    assert report["reach"]["enterprise_visits"] == 8


def test_reach_in_a_window_counts_only_what_happened_inside_it(delivered, admin_user):
    world = delivered.world
    window = {"date_from": datetime.date(2012, 5, 2), "date_to": datetime.date(2012, 12, 31)}
    report = build_results(admin_user, programme=world.programme, **window)
    expected = reference.reach(
        world.programme,
        Enterprise.objects.filter(participations__programme=world.programme),
        **window,
    )
    for key, value in expected.items():
        assert report["reach"][key] == value, key
    assert report["reach"]["enterprise_visits"] == 4  # the second visit of each
    assert report["reach"]["enterprises_trained"] == 0  # classroom was in March


def test_outcomes_show_shares_as_fractions_and_changes_as_relative(delivered, admin_user):
    report = build_results(admin_user, programme="CN-P1")
    defects = _outcome(report, "defect_rate")
    # provided 5% -> 4%, consenting 5% -> 6%, private 5% -> 3%, unrelated baseline 0
    assert defects["enterprises_reporting"] == 3
    assert defects["enterprises_improved"] == 2
    assert defects["share_improved"] == pytest.approx(0.6667)
    assert defects["average_change"] == pytest.approx(-0.3)
    assert defects["baseline_zero"] == 1
    savings = _outcome(report, "cost_savings")
    assert (savings["enterprises_reporting"], savings["enterprises_improved"]) == (3, 2)
    assert savings["average_amount_usd"] == pytest.approx(2000)
    assert "Defect rate: 1 enterprise has a baseline of 0" in " ".join(report["notes"])


def test_breakdowns_add_up_to_the_totals(delivered, admin_user):
    report = build_results(admin_user, programme="CN-P1")
    for dim in ("country", "sector", "size_class"):
        groups = report["breakdowns"][dim]
        assert (
            sum(g["enterprises_trained"] for g in groups) == report["reach"]["enterprises_trained"]
        )
        assert sum(g["participants"] for g in groups) == report["reach"]["participants"]
    sexes = report["breakdowns"]["sex"]
    assert sum(g["participants"] for g in sexes) <= report["reach"]["participants"]


@pytest.mark.parametrize(
    "persona_name, trained",
    [
        ("admin_user", 4),
        ("coordinator", 4),
        ("provider_staff", 1),
        ("trainer", 1),
        ("enterprise_user", 1),
        ("sponsor_user", 2),
        ("donor_user", 4),
    ],
)
def test_each_role_gets_figures_of_its_scope_only(delivered, request, persona_name, trained):
    user = request.getfixturevalue(persona_name)
    report = build_results(user, programme="CN-P1")
    assert report["reach"]["enterprises_trained"] == trained
    assert report["scope"]["enterprises"] == trained


def test_outsider_and_foreign_coordinator_cannot_get_the_report(delivered, outsider, coordinator):
    with pytest.raises(Programme.DoesNotExist):
        build_results(outsider, programme="CN-P1")
    with pytest.raises(Programme.DoesNotExist):
        build_results(coordinator, programme="VN-P1")


def test_donor_sees_only_programmes_it_funds(delivered, donor_user):
    with pytest.raises(Programme.DoesNotExist):
        build_results(donor_user, programme="VN-P1")


def test_sponsor_report_aggregates_all_suppliers_but_details_only_consenting_ones(
    delivered, sponsor_user
):
    world = delivered.world
    report = build_results(sponsor_user, programme="CN-P1", partnership=world.partnership.code)
    assert report["reach"]["enterprises_trained"] == 2
    assert [s["name"] for s in report["suppliers"]] == ["Consenting Socks"]
    detail = {r["indicator"]: r for r in report["suppliers"][0]["indicators"]}
    assert detail["defect_rate"]["change"] == pytest.approx(0.2)
    assert detail["material_per_unit"]["change"] == pytest.approx(-0.25)
    assert "Private Garments" not in json.dumps(report)


def test_partnership_of_another_sponsor_is_not_found(delivered, sponsor_user, world):
    other = Partnership.objects.create(
        code="OTHER",
        name="Other",
        sponsor=world.provider,
        programme=world.programme,
        start_date=datetime.date(2011, 1, 1),
    )
    with pytest.raises(Partnership.DoesNotExist):
        build_results(sponsor_user, programme="CN-P1", partnership=other.code)


def test_comparison_enterprises_are_not_in_the_report(delivered, admin_user, world):
    world.unrelated_cn.participations.update(is_comparison=True)
    assert world.unrelated_cn not in report_enterprises(admin_user, world.programme)
    assert build_results(admin_user, programme="CN-P1")["reach"]["enterprises_trained"] == 3


def test_report_costs_the_same_queries_for_5_and_50_enterprises(
    delivered, admin_user, world, django_assert_num_queries
):
    more_enterprises(world, 1)
    admin_user.refresh_from_db()
    build_results(admin_user, programme="CN-P1")  # warm the scope cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        build_results(admin_user, programme="CN-P1")
    more_enterprises(world, 45)
    with django_assert_num_queries(len(small)):
        report = build_results(admin_user, programme="CN-P1")
    assert report["reach"]["enterprises_trained"] == 50


def test_survey_figures_are_suppressed_below_five_respondents(delivered, admin_user, world):
    from tests.surveys.conftest import respond

    respond(world.provided, count=4, programme=world.programme)
    question = build_results(admin_user, programme="CN-P1")["surveys"][0]["questions"][0]
    assert (question["n"], question["share_positive"], question["suppressed"]) == (4, None, True)
    respond(world.provided, count=1, programme=world.programme)
    question = build_results(admin_user, programme="CN-P1")["surveys"][0]["questions"][0]
    assert (question["n"], question["share_positive"], question["suppressed"]) == (5, 1.0, False)


def test_outcome_breakdowns_agree_with_the_reference_per_sector(delivered, admin_user, world):
    Enterprise.objects.filter(pk__in=[world.provided.pk, world.sponsored_private.pk]).update(
        sector="G"
    )
    report = build_results(admin_user, programme="CN-P1")
    from score.results.outcomes import enterprise_changes

    rows = enterprise_changes(
        report_enterprises(admin_user, world.programme), ["defect_rate", "material_per_unit"]
    )
    for code, changes in rows.items():
        expected = {}
        for enterprise in changes:  # the reference: count enterprise by enterprise
            cell = expected.setdefault(enterprise.sector, [0, 0])
            if enterprise.change is not None:
                cell[0] += 1
                cell[1] += bool(enterprise.improved)
        got = {
            group["key"]: next(o for o in group["outcomes"] if o["indicator"] == code)
            for group in report["breakdowns"]["sector"]
        }
        for sector, (reporting, improved) in expected.items():
            assert got[sector]["enterprises_reporting"] == reporting
            assert got[sector]["enterprises_improved"] == improved


def test_sponsor_report_surveys_count_only_its_suppliers_responses(delivered, admin_user, world):
    from tests.surveys.conftest import respond

    respond(world.sponsored_consenting, count=6, programme=world.programme)
    respond(world.provided, count=7, programme=world.programme, answers=None)
    whole = build_results(admin_user, programme="CN-P1")["surveys"][0]["questions"][0]
    sponsor = build_results(admin_user, programme="CN-P1", partnership=world.partnership.code)
    question = sponsor["surveys"][0]["questions"][0]
    assert (whole["n"], question["n"]) == (13, 6)
    assert question["share_positive"] == 1.0
    assert any("Survey figures count only" in note for note in sponsor["notes"])


def test_survey_figure_that_differs_from_the_programme_by_fewer_than_five_is_hidden(
    delivered, admin_user, world
):
    from tests.surveys.conftest import respond

    respond(world.sponsored_consenting, count=6, programme=world.programme)
    respond(world.provided, count=2, programme=world.programme)
    report = build_results(admin_user, programme="CN-P1", partnership=world.partnership.code)
    question = report["surveys"][0]["questions"][0]
    # 8 in the programme, 6 from the suppliers: showing both would reveal the other 2.
    assert (question["n"], question["share_positive"], question["suppressed"]) == (6, None, True)


def test_surveys_and_practices_in_a_window_count_only_answers_given_inside_it(
    delivered, admin_user, world
):
    from score.monitoring.actions import record_practice_answer
    from score.monitoring.models import PracticeItem
    from tests.surveys.conftest import respond

    respond(
        world.provided, count=5, programme=world.programme, submitted_on=datetime.date(2012, 3, 1)
    )
    item = PracticeItem.objects.order_by("code").first()
    for wave, answer, day in (("baseline", False, 1), ("follow_up", True, 20)):
        record_practice_answer(
            by=None,
            enterprise=world.provided,
            item=item,
            wave=wave,
            answer=answer,
            answered_on=datetime.date(2012, 3, day),
        )
    inside = build_results(
        admin_user,
        programme="CN-P1",
        date_from=datetime.date(2012, 3, 1),
        date_to=datetime.date(2012, 3, 31),
    )
    outside = build_results(
        admin_user,
        programme="CN-P1",
        date_from=datetime.date(2012, 4, 1),
        date_to=datetime.date(2012, 4, 30),
    )
    adopted = {p["practice"]: p["enterprises_adopted"] for p in inside["practices"]}
    assert adopted[item.code] == 1
    assert inside["surveys"][0]["questions"][0]["n"] == 5
    assert outside["practices"] == [] and outside["surveys"] == []
