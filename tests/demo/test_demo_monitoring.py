"""Monitoring data in the demo: SCORE China Phase I's KPIs, good practices and surveys, and
the published figures they give under DESIGN.md's "Results definitions".

Every figure is worked out here by a small reference implementation of those definitions,
in plain Python over the stored rows (read through the ORM), not by the results engine,
so that the engine can later be checked against the same data."""

import io
from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import transaction
from django.test import override_settings

from score.accounts.models import User
from score.core.models import AuditEvent
from score.demo import data
from score.demo import monitoring as demo_monitoring
from score.demo.loader import load_demo
from score.enterprises.models import Enterprise
from score.monitoring.models import ExchangeRate, Indicator, Measurement, PracticeAnswer
from score.monitoring.quality import flags_for
from score.programmes.models import Programme
from score.surveys import queries as survey_queries
from score.surveys.models import Questionnaire, Response

pytestmark = pytest.mark.django_db

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SOCK_MAKER = "CN1-ZJ-001"
COOP_SUPPLIERS = set(data.COOP_SUPPLIERS)
MY_KINDS = ["exchange_rates", "measurements", "practice_answers", "survey_responses"]


@pytest.fixture(scope="module")
def loaded_once(django_db_setup, django_db_blocker):
    """The whole demo loaded once for the module, rolled back after its last test."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        out = io.StringIO()
        report = load_demo(stdout=out)
        yield {"report": report, "out": out.getvalue()}
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded_once, db):
    return loaded_once


# --- A reference implementation of DESIGN.md's results definitions -----------------------

# Computed indicators: numerator, denominator and factor (monitoring/catalogue.py).
FORMULAS = {
    "defect_rate": ("defective_units", "units_produced", 100),
    "energy_per_unit": ("energy_kwh", "units_produced", 1),
    "productivity": ("units_produced", "labour_hours", 1),
}


def programme_rows(code="CN-P1"):
    """The programme's measurements as plain tuples, and its window."""
    programme = Programme.objects.get(code=code)
    rows = list(
        Measurement.objects.filter(enterprise__participations__programme=programme).values_list(
            "enterprise__code",
            "indicator__code",
            "wave",
            "period_start",
            "period_end",
            "value",
            "currency",
        )
    )
    return rows, (programme.start_date, programme.end_date)


def indicator_values(rows, indicator):
    """(enterprise, wave, start, end, value, currency) of one indicator; a computed one is
    derived per enterprise, period and wave from its operands (an entered value wins)."""
    if indicator not in FORMULAS:
        return [(e, w, s, t, v, c) for e, i, w, s, t, v, c in rows if i == indicator]
    numerator, denominator, factor = FORMULAS[indicator]
    grouped = defaultdict(dict)
    for e, i, w, s, t, v, _c in rows:
        grouped[(e, w, s, t)][i] = v
    out = []
    for (e, w, s, t), values in grouped.items():
        if indicator in values:
            out.append((e, w, s, t, values[indicator], ""))
        elif values.get(denominator) and numerator in values:
            out.append((e, w, s, t, values[numerator] / values[denominator] * factor, ""))
    return out


def baseline_and_follow_up(values, window):
    """enterprise -> (baseline, follow-up): the baseline-wave value, and the latest
    follow-up or endline value inside the window (each None where missing)."""
    result = defaultdict(lambda: [None, None])
    latest = {}
    for e, w, s, t, v, c in values:
        if w == "baseline":
            result[e][0] = v
        elif window[0] <= s and t <= window[1] and (e not in latest or t > latest[e][0]):
            latest[e] = (t, v, c)
            result[e][1] = v
    return dict(result)


def share_improved(rows, window, indicator):
    """(reporting, improved, mean relative change among improvers, left out for a baseline
    of 0 or missing) of a baseline/follow-up indicator."""
    down = Indicator.objects.get(code=indicator).direction == "down"
    reporting, changes, left_out = 0, [], 0
    for baseline, follow_up in baseline_and_follow_up(
        indicator_values(rows, indicator), window
    ).values():
        if follow_up is None:
            continue
        if not baseline:
            left_out += 1
            continue
        reporting += 1
        change = (follow_up - baseline) / baseline
        if (change < 0) if down else (change > 0):
            changes.append(change)
    mean = sum(changes) / len(changes) if changes else None
    return reporting, len(changes), mean, left_out


def rate_on(currency, day, rates):
    if currency == "USD":
        return Decimal(1)
    return max((r for r in rates if r[0] == currency and r[1] <= day), key=lambda r: r[1])[2]


def reported_amounts(rows, window, indicator="cost_savings"):
    """(reporting, with an amount > 0, mean USD over those): the latest follow-up amount of
    each enterprise inside the window, converted at the rate in force at its period end."""
    rates = list(ExchangeRate.objects.values_list("currency", "valid_from", "units_per_usd"))
    latest = {}
    for e, w, s, t, v, c in indicator_values(rows, indicator):
        inside = w != "baseline" and window[0] <= s and t <= window[1]
        if inside and (e not in latest or t > latest[e][0]):
            latest[e] = (t, v, c)
    positive = [v / rate_on(c, t, rates) for t, v, c in latest.values() if v > 0]
    return len(latest), len(positive), sum(positive) / len(positive)


def percent(part, whole):
    return round(part / whole * 100)


# --- Exchange rates and KPIs --------------------------------------------------------------


class TestPublishedFigures:
    """SCORE China Phase I: 83% saved costs (USD 18,670 on average), 70% cut defects (−11%),
    50% material usage, 30% energy (−13% kWh per unit)."""

    def test_cny_converts_to_usd_at_the_rates_of_2011_and_2012(self, demo):
        rates = dict(
            ExchangeRate.objects.filter(currency="CNY", valid_from__year__in=[2011, 2012])
            .values_list("valid_from__year", "units_per_usd")
            .order_by()
        )
        assert rates == {2011: Decimal("6.46"), 2012: Decimal("6.31")}

    def test_83_percent_of_reporting_enterprises_saved_costs_usd_18670_on_average(self, demo):
        rows, window = programme_rows()
        reporting, saved, mean_usd = reported_amounts(rows, window)
        assert (saved, reporting) == (39, 47)
        assert percent(saved, reporting) == 83
        assert round(mean_usd) == 18670

    def test_cost_savings_are_in_yuan_and_a_rate_exists_for_each(self, demo):
        savings = Measurement.objects.filter(indicator__code="cost_savings")
        assert set(savings.values_list("currency", flat=True)) == {"CNY"}
        assert not [f for f in flags_for(savings) if f.rule == "missing_rate"]

    def test_70_percent_of_reporting_enterprises_cut_defects_by_11_percent_on_average(self, demo):
        rows, window = programme_rows()
        reporting, improved, mean, _ = share_improved(rows, window, "defect_rate")
        assert (improved, reporting) == (33, 47)
        assert percent(improved, reporting) == 70
        assert round(mean, 2) == Decimal("-0.11")

    def test_half_of_reporting_enterprises_cut_material_usage_per_unit(self, demo):
        rows, window = programme_rows()
        reporting, improved, _, _ = share_improved(rows, window, "material_per_unit")
        assert (improved, reporting) == (22, 44)
        assert percent(improved, reporting) == 50

    def test_30_percent_of_reporting_enterprises_cut_energy_per_unit_by_13_percent(self, demo):
        rows, window = programme_rows()
        reporting, improved, mean, _ = share_improved(rows, window, "energy_per_unit")
        assert (improved, reporting) == (12, 40)
        assert percent(improved, reporting) == 30
        assert round(mean, 2) == Decimal("-0.13")

    def test_the_sock_maker_cut_its_cost_per_unit_by_30_and_raised_capacity_by_10_percent(
        self, demo
    ):
        rows, window = programme_rows()
        socks = [r for r in rows if r[0] == SOCK_MAKER]
        changes = {"production_cost_per_unit": "-0.30", "output_capacity": "0.10"}
        for indicator, change in changes.items():
            baseline, follow_up = baseline_and_follow_up(
                indicator_values(socks, indicator), window
            )[SOCK_MAKER]
            assert (follow_up - baseline) / baseline == Decimal(change)

    def test_the_coop_suppliers_improved_defects_energy_and_accidents(self, demo):
        rows, window = programme_rows()
        coop = [r for r in rows if r[0] in COOP_SUPPLIERS]
        for indicator in ("defect_rate", "energy_per_unit", "accidents", "material_per_unit"):
            reporting, improved, _, _ = share_improved(coop, window, indicator)
            assert improved == reporting == 3, indicator

    def test_most_enterprises_raised_productivity(self, demo):
        rows, window = programme_rows()
        reporting, improved, _, _ = share_improved(rows, window, "productivity")
        assert reporting == 51
        assert improved / reporting > 0.8


class TestReportingAndDataQuality:
    def test_not_every_enterprise_reports_every_indicator(self, demo):
        rows, window = programme_rows()
        reporting = {
            indicator: share_improved(rows, window, indicator)[0]
            for indicator in (
                "productivity",
                "defect_rate",
                "energy_per_unit",
                "material_per_unit",
                "accidents",
                "absenteeism_rate",
                "worker_suggestions",
                "on_time_delivery",
            )
        }
        assert reporting == {
            "productivity": 51,
            "defect_rate": 47,
            "energy_per_unit": 40,
            "material_per_unit": 44,
            "accidents": 44,
            "absenteeism_rate": 42,
            "worker_suggestions": 49,
            "on_time_delivery": 38,
        }

    def test_every_enterprise_has_a_baseline_and_the_drop_outs_nothing_else(self, demo):
        baseline = Measurement.objects.filter(
            enterprise__participations__programme__code="CN-P1", wave="baseline"
        )
        assert baseline.values("enterprise").distinct().count() == 53
        for code in data.DROPS:
            assert set(
                Measurement.objects.filter(enterprise__code=code).values_list("wave", flat=True)
            ) == {"baseline"}

    def test_two_enterprises_have_a_baseline_of_0_left_out_and_counted_in_the_notes(self, demo):
        rows, window = programme_rows()
        assert share_improved(rows, window, "defect_rate")[3] == 1
        assert share_improved(rows, window, "accidents")[3] == 1
        zero = Measurement.objects.filter(wave="baseline", value=0).exclude(
            indicator__code="cost_savings"
        )
        assert set(zero.values_list("enterprise__code", "indicator__code")) == {
            ("CN1-SC-004", "defective_units"),
            ("CN1-LN-007", "accidents"),
        }

    def test_every_follow_up_is_after_its_baseline_and_inside_the_programme(self, demo):
        rows, (start, end) = programme_rows()
        baseline_end = {(e, i): t for e, i, w, s, t, v, c in rows if w == "baseline"}
        follow_ups = [r for r in rows if r[2] != "baseline"]
        assert {r[2] for r in follow_ups} == {"follow_up", "endline"}
        for e, i, _w, s, t, _v, _c in follow_ups:
            assert start <= s <= t <= end
            if (e, i) in baseline_end:
                assert s > baseline_end[(e, i)]
        assert all(start <= r[3] <= r[4] <= end for r in rows)

    def test_the_data_quality_checks_flag_nothing_else(self, demo):
        measurements = Measurement.objects.filter(
            enterprise__participations__programme__code="CN-P1"
        )
        assert flags_for(measurements) == []


# --- Good practices -----------------------------------------------------------------------


class TestGoodPractices:
    def _answers(self, item):
        answers = defaultdict(dict)
        for code, wave, answer in PracticeAnswer.objects.filter(item__code=item).values_list(
            "enterprise__code", "wave", "answer"
        ):
            answers[code][wave] = answer
        return answers

    def test_every_enterprise_that_finished_workplace_cooperation_has_a_team(self, demo):
        answers = self._answers("wc_eit_exists")
        assert len(answers) == 53
        assert not any(a["baseline"] for a in answers.values())
        followed = {code for code, a in answers.items() if "follow_up" in a}
        assert followed == set(demo_monitoring.FOLLOWED)
        assert all(answers[code]["follow_up"] for code in followed)

    def test_practices_appear_after_training_and_none_is_lost(self, demo):
        adopted = already = 0
        for item in demo_monitoring.PRACTICE_ODDS:
            for a in self._answers(item).values():
                if "follow_up" not in a:
                    continue
                assert a["follow_up"] or not a["baseline"], item
                adopted += a["follow_up"] and not a["baseline"]
                already += a["baseline"]
        assert adopted > 3 * already > 0

    def test_the_four_enterprises_of_the_second_module_answer_its_checklist(self, demo):
        pcp = PracticeAnswer.objects.filter(item__module__code="PCP")
        assert set(pcp.values_list("enterprise__code", flat=True)) == {
            "CN1-ZJ-001",
            "CN1-ZJ-002",
            "CN1-ZJ-003",
            "CN1-ZJ-009",
        }


# --- Surveys ------------------------------------------------------------------------------


def admin():
    return User.objects.get(email="admin@score.example.org")


def coop_sponsor():
    return User.objects.get(email="sourcing@coop.example.org")


def share(user, questions, questionnaires, **filters):
    return survey_queries.share_positive(
        user,
        question_codes=questions,
        questionnaires=questionnaires,
        wave="endline",
        programme__code="CN-P1",
        **filters,
    )


class TestSurveys:
    def test_89_percent_of_participants_were_satisfied_with_workplace_cooperation(self, demo):
        cell = survey_queries.share_positive(
            admin(),
            question_codes=["overall_satisfied"],
            questionnaires=["SAT"],
            programme__code="CN-P1",
            session__module__code="WC",
        )
        assert cell.n == 212
        assert 88 <= cell.percent <= 91

    def test_every_phase_one_class_has_its_satisfaction_forms(self, demo):
        sat = Response.objects.filter(questionnaire__code="SAT", programme__code="CN-P1")
        assert sat.values("enterprise").distinct().count() == 53
        assert sat.filter(session=None).count() == 0
        assert sat.filter(submitted_on__lt="2011-01-01").count() == 0

    @pytest.mark.parametrize("user", [admin, coop_sponsor])
    def test_92_percent_of_interviewees_saw_better_worker_management_relations(self, demo, user):
        cell = share(user(), ["relations_improved"], ["WPS", "MPS"])
        assert (cell.positive, cell.n) == (61, 66)
        assert cell.percent == 92 and not cell.suppressed

    @pytest.mark.parametrize("user", [admin, coop_sponsor])
    def test_every_manager_saw_lower_costs_and_higher_productivity(self, demo, user):
        for question in ("costs_lower", "productivity_higher"):
            cell = share(user(), [question], ["MPS"])
            assert (cell.n, cell.percent) == (12, 100)

    @pytest.mark.parametrize("user", [admin, coop_sponsor])
    def test_94_percent_of_workers_saw_a_better_environment_and_87_higher_efficiency(
        self, demo, user
    ):
        assert share(user(), ["environment_better"], ["WPS"]).percent == 94
        assert share(user(), ["efficiency_higher"], ["WPS"]).percent == 87

    def test_the_perception_surveys_are_the_coop_suppliers_only(self, demo):
        perception = Response.objects.filter(questionnaire__code__in=["WPS", "MPS"])
        assert set(perception.values_list("enterprise__code", flat=True)) == COOP_SUPPLIERS

    def test_no_figure_of_the_perception_surveys_is_suppressed(self, demo):
        for code in ("WPS", "MPS"):
            questionnaire = Questionnaire.objects.get(code=code)
            results = survey_queries.results(admin(), questionnaire, filters={"wave": "endline"})
            cells = [r.total for r in results]
            cells += [cell for r in results for _, cell in r.by_sex + r.by_role if cell.n]
            assert cells and not any(cell.suppressed for cell in cells), code


# --- Loading it ---------------------------------------------------------------------------


class TestLoadingIt:
    def test_first_load_reports_the_monitoring_parts(self, demo):
        out = demo["out"]
        assert "KPI measurements: created 944 KPI measurements." in out
        assert "Good practices: created 552 good-practice answers." in out
        assert "Surveys: created 278 survey responses." in out

    def test_second_load_creates_nothing(self, demo):
        counts = (Measurement.objects.count(), PracticeAnswer.objects.count())
        events = AuditEvent.objects.count()
        again = load_demo()
        assert not any(again.created[kind] for kind in MY_KINDS)
        assert (Measurement.objects.count(), PracticeAnswer.objects.count()) == counts
        assert AuditEvent.objects.count() == events

    def test_a_later_run_restores_what_is_missing(self, demo):
        socks = Enterprise.objects.get(code=SOCK_MAKER)
        deleted = Measurement.objects.filter(enterprise=socks, wave="follow_up").delete()[1]
        Response.objects.filter(enterprise=socks, questionnaire__code="WPS").delete()
        ExchangeRate.objects.filter(currency="CNY", valid_from__year=2012).delete()
        again = load_demo()
        n = deleted["monitoring.Measurement"]
        assert n == 12
        assert again.summary() == (
            f"Loaded the demo: created 1 exchange rate, {n} KPI measurements, 18 survey responses."
        )
        rows, window = programme_rows()
        assert round(reported_amounts(rows, window)[2]) == 18670


# --- What the personas read ---------------------------------------------------------------


class TestPages:
    def test_the_sock_makers_manager_reads_its_kpis_and_practices(self, demo, client):
        client.force_login(User.objects.get(email="manager@hengfeng.example.org"))
        socks = Enterprise.objects.get(code=SOCK_MAKER)
        page = client.get(f"/monitoring/enterprises/{socks.pk}/")
        assert page.status_code == 200
        text = page.content.decode()
        assert "1.68" in text and "2970000" in text
        assert client.get(f"/monitoring/enterprises/{socks.pk}/practices/").status_code == 200

    def test_coop_reads_the_worker_survey_of_its_suppliers_with_nothing_hidden(self, demo, client):
        client.force_login(coop_sponsor())
        page = client.get("/surveys/WPS/results/", {"wave": "endline"})
        assert page.status_code == 200
        totals = {row.question.code: row.total for row in page.context["rows"]}
        assert totals["environment_better"].percent == 94
        assert totals["efficiency_higher"].percent == 87
