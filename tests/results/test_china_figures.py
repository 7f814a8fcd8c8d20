"""The demo's SCORE China Phase I reproduces the published figures (domain/SCORE.md):
53 SMEs trained, 784 staff, 224 visits; cost savings 83% / USD 18,670; defect rate
70% / −11%; material usage 50%; energy per unit 30% / −13%; and the Coop sponsor report
shows the sock maker's −30% production cost per unit and +10% output capacity."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from score.demo.loader import load_demo
from score.imports.actions import command_line_user
from score.results.builders import build_results

pytestmark = pytest.mark.django_db

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SOCK_MAKER = "CN1-ZJ-001"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for the module; rolled back after its last test."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        load_demo(stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def china(demo, django_db_blocker):
    with django_db_blocker.unblock():
        return build_results(command_line_user(), programme="CN-P1")


def _outcome(report, code):
    return next(o for o in report["outcomes"] if o["indicator"] == code)


def test_reach_matches_the_published_china_figures(db, china):
    reach = china["reach"]
    assert reach["enterprises_trained"] == 53
    assert reach["participants"] == 784
    assert reach["enterprise_visits"] == 224


def test_cost_savings_83_per_cent_and_usd_18670_on_average(db, china):
    savings = _outcome(china, "cost_savings")
    assert round(savings["share_improved"], 2) == 0.83
    assert round(savings["average_amount_usd"]) == 18670


def test_defect_rate_70_per_cent_improved_by_11_per_cent(db, china):
    defects = _outcome(china, "defect_rate")
    assert round(defects["share_improved"], 2) == 0.70
    assert round(defects["average_change"], 2) == -0.11


def test_material_usage_50_per_cent_improved(db, china):
    assert round(_outcome(china, "material_per_unit")["share_improved"], 2) == 0.50


def test_energy_per_unit_30_per_cent_improved_by_13_per_cent(db, china):
    energy = _outcome(china, "energy_per_unit")
    assert round(energy["share_improved"], 2) == 0.30
    assert round(energy["average_change"], 2) == -0.13


def test_zero_baselines_are_counted_in_the_notes(db, china):
    assert any(o["baseline_zero"] for o in china["outcomes"])


def test_coop_sponsor_report_shows_the_sock_makers_own_figures(db, demo):
    from score.accounts.models import Membership, Role

    sponsor = (
        Membership.objects.filter(
            role=Role.SPONSOR_VIEWER, organisation__partnerships__code="COOP-CN"
        )
        .select_related("user")
        .first()
    )
    user = sponsor.user if sponsor else command_line_user()
    report = build_results(user, programme="CN-P1", partnership="COOP-CN")
    sock_maker = next(s for s in report["suppliers"] if s["enterprise"] == SOCK_MAKER)
    figures = {row["indicator"]: row for row in sock_maker["indicators"]}
    assert round(figures["production_cost_per_unit"]["change"], 2) == -0.30
    assert round(figures["output_capacity"]["change"], 2) == 0.10


def test_command_json_gives_the_same_figures(db, demo):
    out = io.StringIO()
    call_command("report_results", programme="CN-P1", format="json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["reach"]["enterprises_trained"] == 53
    assert round(_outcome(report, "defect_rate")["share_improved"], 2) == 0.70


def test_logframe_shows_phase_one_targets_against_the_actuals_of_the_records(db, china):
    rows = {row["indicator"]: row for row in china["logframe"]}
    smes = rows["smes_trained"]
    assert smes["actual"] == 53
    by_date = {(t["target_date"], t["sex"]): t for t in smes["targets"]}
    assert by_date["2012-12-31", None]["target"] == 50
    assert by_date["2012-12-31", None]["actual"] == 53
    women = {t["sex"]: t for t in rows["people_trained"]["targets"] if t["sex"]}["female"]
    assert (women["target"], women["actual"]) == (300, 304)
    assert rows["clusters_selected"]["actual"] > 5  # the demo's province-industry clusters


def test_sponsor_report_carries_no_programme_logframe(db, demo):
    from score.accounts.models import User

    sponsor = User.objects.get(email="sourcing@coop.example.org")
    report = build_results(sponsor, programme="CN-P1", partnership="COOP-CN")
    assert "logframe" not in report and "comparison" not in report


def test_92_per_cent_of_interviewees_saw_better_worker_management_relations(db, china):
    combined = {row["question"]: row for row in china["surveys_combined"]}
    relations = combined["relations_improved"]
    assert relations["n"] == 66
    assert round(relations["share_positive"], 2) == 0.92
