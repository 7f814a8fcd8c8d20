"""The demo's monitoring data for SCORE China Phase I (CN-P1), loaded through the actions.

Parts of ``loader.PARTS``, run after training delivery (they read its dates from
``ctx.steps``):

- ``load_measurements``: the CNY exchange rates of 2011 and 2012 (seeded by a migration;
  recorded again only if missing), and each enterprise's KPIs at baseline and follow-up;
- ``load_practices``: the good-practice checklists of the modules each enterprise took,
  at its baseline visit and at its last follow-up visit;
- ``load_surveys``: participant satisfaction after each Workplace Cooperation class, and
  the worker and manager perception surveys of the Coop pilot's suppliers at endline.

The numbers are drawn by generators seeded with fixed strings (the enterprise code, the
indicator), so they are the same on every run, and then fitted so that the published
figures of Phase I (domain/SCORE.md) come out exactly under DESIGN.md's "Results
definitions", as shares of the enterprises reporting each indicator:

- cost savings: 39 of the 47 enterprises that reported an amount saved money (83%),
  USD 18,670 on average over those 39, converted at the rate of the period's end;
- defect rate (defective units / units produced × 100): 33 of 47 improved (70%), by −11%
  on average among them;
- material usage per unit: 22 of 44 improved (50%);
- energy per unit (kWh / units produced): 12 of 40 improved (30%), by −13% on average;
- the sock maker CN1-ZJ-001: production cost per unit −30%, output capacity +10%.

Not every enterprise reports every indicator: the two that dropped out have a baseline
only, and others lack the follow-up value of some indicators (no energy meter, no
material records). Two enterprises have a baseline of 0 that the results leave out and
count in their data-quality notes (ZERO_BASELINES).

A measurement is found again by enterprise, indicator, period and wave; a practice answer
by enterprise, practice and wave; survey responses, which are anonymous, by how many the
enterprise already has for the questionnaire and wave. Only what is missing is created.
"""

import calendar
import datetime
import random
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count

from score.demo import data, delivery
from score.monitoring import actions as monitoring
from score.monitoring.models import (
    ExchangeRate,
    Indicator,
    Measurement,
    PracticeAnswer,
    PracticeItem,
    PracticeWave,
    Source,
    Wave,
)
from score.surveys import actions as surveys
from score.surveys.models import Questionnaire, Response
from score.training.models import ClassroomSession

if TYPE_CHECKING:
    from score.demo.loader import DemoContext

PROGRAMME = "CN-P1"
SOCK_MAKER = "CN1-ZJ-001"
ROWS = {row.code: row for row in data.CN_P1_ENTERPRISES}
# Enterprises that stayed to the end of Workplace Cooperation: the only ones with follow-up
# values (the two that dropped out have a baseline only).
FOLLOWED = [row.code for row in data.CN_P1_ENTERPRISES if row.code not in data.DROPS]

# Units of CNY per US dollar from 1 January (annual averages; the same as the seeded
# catalogue, score.monitoring.catalogue.EXCHANGE_RATES).
RATES = (
    (datetime.date(2011, 1, 1), Decimal("6.46")),
    (datetime.date(2012, 1, 1), Decimal("6.31")),
)
RATE_SOURCE = "Annual average, IMF International Financial Statistics (rounded)."


@dataclass(frozen=True)
class Target:
    """A published share: of ``reporting`` enterprises, ``improved`` improved; the mean
    relative change among those that improved, where one is published."""

    reporting: int
    improved: int
    mean_change: float | None = None


# 33/47 = 70.2% -> 70%; 12/40 = 30%; 22/44 = 50%; 39/47 = 83.0% -> 83%.
TARGETS = {
    "defect_rate": Target(47, 33, -0.11),
    "energy_per_unit": Target(40, 12, -0.13),
    "material_per_unit": Target(44, 22),
}
SAVINGS = Target(47, 39)
SAVINGS_MEAN_USD = Decimal("18670")
# The other indicators: how many of the FOLLOWED enterprises report a follow-up value.
OTHER_REPORTING = {
    "accidents": 45,
    "absenteeism_rate": 42,
    "worker_suggestions": 49,
    "on_time_delivery": 38,
}
# Baselines of 0: the enterprise has a follow-up value, but no relative change can be
# worked out, so the results leave it out and count it in their data-quality notes.
ZERO_BASELINES = {
    # Did not count defects before the programme; the baseline form says 0.
    "CN1-SC-004": "defective_units",
    # No accident in its baseline quarter, one in the follow-up quarter.
    "CN1-LN-007": "accidents",
}
# The Coop pilot's published results: the sock maker's cost per unit and capacity, and the
# improvements at all three suppliers in defects, accidents and energy.
COOP_FIGURES = {
    # code: (production cost per unit in CNY, baseline -> follow-up; output capacity a quarter)
    "CN1-ZJ-001": (("2.40", "1.68"), (2_700_000, 2_970_000)),  # pairs of socks
    "CN1-ZJ-002": (("14.80", "13.32"), (150_000, 162_000)),  # T-shirts
    "CN1-SH-001": (("9.20", "8.56"), (210_000, 222_600)),  # sets of underwear
}
SOCK_MAKER_UNITS = (2_520_000, 2_860_000)  # pairs knitted in each quarter
SOCK_MAKER_SAVINGS = 480_000  # CNY: its two finished projects' savings (data.FIXED_PROJECTS)

# Per industry: units produced a quarter per employee, defect rate (%), kWh per unit and
# material per unit (kg), each as a range the enterprise's value is drawn from.
INDUSTRY = {
    "machinery": {"units": (18, 30), "defects": (2.5, 5.0), "kwh": (18, 32), "kg": (6, 14)},
    "auto parts": {"units": (300, 420), "defects": (1.5, 4.0), "kwh": (0.9, 1.6), "kg": (1, 3)},
    "garments": {"units": (160, 230), "defects": (3.0, 7.0), "kwh": (0.4, 0.8), "kg": (0.25, 0.6)},
}
HOURS_PER_EMPLOYEE = 610  # labour hours a quarter (about 48 hours a week)


# --- Dates -------------------------------------------------------------------------------


def _month_start(day: datetime.date, shift: int = 0) -> datetime.date:
    month = day.year * 12 + day.month - 1 + shift
    return datetime.date(month // 12, month % 12 + 1, 1)


def _month_end(day: datetime.date, shift: int = 0) -> datetime.date:
    start = _month_start(day, shift)
    return start.replace(day=calendar.monthrange(start.year, start.month)[1])


@dataclass(frozen=True)
class Periods:
    """An enterprise's measurement periods: the three months before its baseline visit,
    the three months from its class, and the months from its class to the end of the
    programme (at most a year) for its cost savings."""

    baseline: tuple[datetime.date, datetime.date]
    follow_up: tuple[datetime.date, datetime.date]
    savings: tuple[datetime.date, datetime.date]
    wave: str  # of the follow-up: endline for the classes of the programme's last year


PROGRAMME_END = datetime.date(2012, 12, 31)


def periods_of(step: delivery.Step) -> Periods:
    return Periods(
        baseline=(_month_start(step.baseline_on, -3), _month_end(step.baseline_on, -1)),
        follow_up=(_month_start(step.start), _month_end(step.start, 2)),
        savings=(_month_start(step.start), min(_month_end(step.start, 11), PROGRAMME_END)),
        wave=Wave.ENDLINE if step.start.year == PROGRAMME_END.year else Wave.FOLLOW_UP,
    )


def _steps(ctx: "DemoContext") -> dict[str, dict[str, delivery.Step]]:
    """Phase I enterprise -> module code -> its step (dates of visits and class)."""
    steps = defaultdict(dict)
    for step in ctx.steps or delivery.plan(ctx):
        if step.row.programme == PROGRAMME:
            steps[step.enterprise][step.row.module] = step
    return steps


def rate_on(day: datetime.date) -> Decimal:
    return max((r for r in RATES if r[0] <= day), key=lambda r: r[0])[1]


# --- The plan: every value -----------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    enterprise: str
    indicator: str
    wave: str
    period: tuple[datetime.date, datetime.date]
    value: Decimal
    currency: str = ""
    source: str = Source.COMPANY_RECORDS


def _choose(codes, n: int, seed: str, keep=()) -> set[str]:
    """``n`` of ``codes``: those in ``keep`` and others drawn with ``seed``."""
    kept = [c for c in codes if c in keep]
    pool = sorted(c for c in codes if c not in keep)
    random.Random(seed).shuffle(pool)
    return set(kept + pool[: n - len(kept)])


def _changes(codes, lo: float, hi: float, seed: str, mean: float | None = None) -> dict:
    """A relative change for each code, drawn from [lo, hi] (then shifted to ``mean``)."""
    rng = random.Random(seed)
    changes = {code: rng.uniform(lo, hi) for code in sorted(codes)}
    if mean is not None and changes:
        shift = mean - sum(changes.values()) / len(changes)
        changes = {code: c + shift for code, c in changes.items()}
    return changes


def _ratio_change(n0: int, u0: int, n1: int, u1: int) -> float:
    return (n1 / u1) / (n0 / u0) - 1


def _numerators(
    base: dict[str, tuple[int, int, int]], changes: dict[str, float], improved: set[str], mean
) -> dict[str, int]:
    """Follow-up numerators (defective units, kWh) that give each enterprise's ratio the
    change wanted, in whole units, on the right side of zero; the last improver's value is
    then fitted so that the improvers' mean change is as near ``mean`` as whole units allow.
    ``base`` maps code -> (baseline numerator, baseline units, follow-up units)."""
    result = {}
    for code, change in changes.items():
        n0, u0, u1 = base[code]
        n1 = round(n0 / u0 * (1 + change) * u1)
        step = -1 if code in improved else 1  # improvers must fall, the others rise
        while _ratio_change(n0, u0, n1, u1) * step <= 0:
            n1 += step
        result[code] = n1
    if mean is not None:
        improvers = sorted(improved)
        last = improvers[-1]
        n0, u0, u1 = base[last]
        others = sum(_ratio_change(*base[c][:2], result[c], base[c][2]) for c in improvers[:-1])

        def error(n1):
            return abs((others + _ratio_change(n0, u0, n1, u1)) / len(improvers) - mean)

        candidates = [
            n1
            for n1 in range(max(0, result[last] - 2000), result[last] + 2001)
            if _ratio_change(n0, u0, n1, u1) < 0
        ]
        result[last] = min(candidates, key=error)
    return result


def plan_measurements(steps: dict[str, dict[str, delivery.Step]]) -> list[Value]:
    """Every KPI value of Phase I, baseline and follow-up (see the module's docstring)."""
    values: list[Value] = []
    periods = {code: periods_of(steps[code]["WC"]) for code in ROWS}

    def add(code, indicator, value, *, follow_up=False, currency="", source=None):
        p = periods[code]
        values.append(
            Value(
                code,
                indicator,
                p.wave if follow_up else Wave.BASELINE,
                p.follow_up if follow_up else p.baseline,
                Decimal(value),
                currency,
                source or Source.COMPANY_RECORDS,
            )
        )

    coop = set(data.COOP_SUPPLIERS)
    # Who reports which follow-up value, and who improved.
    defects_pool = [c for c in FOLLOWED if ZERO_BASELINES.get(c) != "defective_units"]
    reporting = {
        name: _choose(defects_pool if name == "defect_rate" else FOLLOWED, t.reporting, name, coop)
        for name, t in TARGETS.items()
    }
    improved = {
        name: _choose(sorted(reporting[name]), t.improved, f"{name} improved", coop)
        for name, t in TARGETS.items()
    }

    # Output and labour: every enterprise, both waves.
    base = {}
    for code, row in ROWS.items():
        rng = random.Random(f"{code} kpis")
        size = row.female + row.male
        ranges = INDUSTRY[row.industry]
        if code == SOCK_MAKER:
            u0, u1 = SOCK_MAKER_UNITS
        else:
            u0 = round(size * rng.uniform(*ranges["units"]), -1)
            u1 = round(u0 * rng.uniform(1.02, 1.15), -1)
        h0 = round(size * HOURS_PER_EMPLOYEE * rng.uniform(0.95, 1.05), -1)
        h1 = round(h0 * rng.uniform(0.94, 1.01), -1)
        d0 = round(u0 * rng.uniform(*ranges["defects"]) / 100)
        if ZERO_BASELINES.get(code) == "defective_units":
            d0 = 0
        e0 = round(u0 * rng.uniform(*ranges["kwh"]), -1)
        kg0 = Decimal(str(rng.uniform(*ranges["kg"]))).quantize(Decimal("0.001"))
        base[code] = {"u": (u0, u1), "d0": d0, "e0": e0, "kg0": kg0, "size": size}
        add(code, "units_produced", u0)
        add(code, "labour_hours", h0)
        add(code, "defective_units", d0)
        add(code, "energy_kwh", e0)
        add(code, "material_per_unit", kg0)
        if code in FOLLOWED:
            add(code, "units_produced", u1, follow_up=True)
            add(code, "labour_hours", h1, follow_up=True)

    # Defect rate and energy per unit, through their numerators.
    for name, numerator, key, lo, hi, worse in (
        ("defect_rate", "defective_units", "d0", -0.20, -0.03, (0.03, 0.15)),
        ("energy_per_unit", "energy_kwh", "e0", -0.22, -0.05, (0.02, 0.12)),
    ):
        target = TARGETS[name]
        changes = _changes(improved[name], lo, hi, f"{name} changes", target.mean_change)
        changes.update(_changes(reporting[name] - improved[name], *worse, f"{name} worse"))
        inputs = {c: (base[c][key], base[c]["u"][0], base[c]["u"][1]) for c in changes}
        for code, n1 in _numerators(inputs, changes, improved[name], target.mean_change).items():
            add(code, numerator, n1, follow_up=True)
    zero = next(c for c, ind in ZERO_BASELINES.items() if ind == "defective_units")
    add(zero, "defective_units", round(base[zero]["u"][1] * 0.042), follow_up=True)

    # Material per unit, entered in kg with three decimals.
    changes = _changes(improved["material_per_unit"], -0.15, -0.03, "material changes")
    changes.update(
        _changes(
            reporting["material_per_unit"] - improved["material_per_unit"],
            0.02,
            0.08,
            "material worse",
        )
    )
    gram = Decimal("0.001")
    for code, change in changes.items():
        kg0 = base[code]["kg0"]
        kg1 = (kg0 * Decimal(str(1 + change))).quantize(gram)
        step = -gram if code in improved["material_per_unit"] else gram
        while (kg1 - kg0) * step <= 0:
            kg1 += step
        add(code, "material_per_unit", kg1, follow_up=True)

    # Cost savings, reported once for the months from the class (CNY, converted at the rate
    # of the period's end), fitted to a mean of USD 18,670 over those that saved money.
    reporting_savings = _choose(FOLLOWED, SAVINGS.reporting, "cost_savings", coop)
    savers = _choose(sorted(reporting_savings), SAVINGS.improved, "cost_savings saved", coop)
    drawn = {
        code: base[code]["size"] * random.Random(f"{code} savings").uniform(300, 900)
        for code in sorted(savers - {SOCK_MAKER})
    }
    usd_wanted = SAVINGS_MEAN_USD * len(savers)
    rate = {code: rate_on(periods[code].savings[1]) for code in savers}
    usd_rest = usd_wanted - Decimal(SOCK_MAKER_SAVINGS) / rate[SOCK_MAKER]
    scale = usd_rest / sum(Decimal(str(cny)) / rate[c] for c, cny in drawn.items())
    amounts = {SOCK_MAKER: Decimal(SOCK_MAKER_SAVINGS)}
    for code, cny in drawn.items():
        amounts[code] = Decimal(int(round(Decimal(str(cny)) * scale, -2)))
    last = sorted(drawn)[-1]
    usd_others = sum(amounts[c] / rate[c] for c in amounts if c != last)
    amounts[last] = ((usd_wanted - usd_others) * rate[last]).quantize(Decimal("1"))
    for code in sorted(reporting_savings):
        p = periods[code]
        values.append(
            Value(
                code,
                "cost_savings",
                p.wave,
                p.savings,
                amounts.get(code, Decimal(0)),
                "CNY",
                Source.MANAGEMENT,
            )
        )

    # The other indicators: plausible values, mostly better after the training.
    for indicator, n in OTHER_REPORTING.items():
        keep = coop | {c for c, ind in ZERO_BASELINES.items() if ind == indicator}
        chosen = _choose(FOLLOWED, n, indicator, keep)
        for code in ROWS:
            rng = random.Random(f"{code} {indicator}")
            size = base[code]["size"]
            before, after = _other(indicator, code, size, rng)
            add(code, indicator, before)
            if code in chosen:
                add(code, indicator, after, follow_up=True)

    # The Coop suppliers' cost per unit and capacity.
    for code, ((cost0, cost1), (cap0, cap1)) in COOP_FIGURES.items():
        add(code, "production_cost_per_unit", cost0, currency="CNY")
        add(code, "production_cost_per_unit", cost1, follow_up=True, currency="CNY")
        add(code, "output_capacity", cap0)
        add(code, "output_capacity", cap1, follow_up=True)
    return values


def _other(indicator: str, code: str, size: int, rng: random.Random) -> tuple:
    """Baseline and follow-up of a non-headline indicator for an enterprise."""
    coop = code in data.COOP_SUPPLIERS
    if indicator == "accidents":
        if ZERO_BASELINES.get(code) == indicator:
            return 0, 1
        before = max(1, round(size / 70 * rng.uniform(0.5, 1.5)))
        fewer = coop or rng.random() < 0.65
        return before, max(0, before - rng.randint(1, 2)) if fewer else before + rng.randint(0, 1)
    if indicator == "absenteeism_rate":
        before = round(rng.uniform(3.0, 8.5), 1)
        after = before * (rng.uniform(0.65, 0.95) if rng.random() < 0.75 else rng.uniform(1, 1.1))
        return f"{before:.1f}", f"{max(0.5, after):.1f}"
    if indicator == "worker_suggestions":
        before = rng.randint(2, 9)
        return before, before + rng.randint(6, 40)
    # on_time_delivery, %
    before = round(rng.uniform(74, 92), 1)
    after = min(99.5, before + rng.uniform(-1.5, 9))
    return f"{before:.1f}", f"{after:.1f}"


# --- Loading -------------------------------------------------------------------------------


def load_measurements(ctx: "DemoContext") -> None:
    """The CNY rates of 2011 and 2012, then every KPI value of Phase I that is missing."""
    known = set(ExchangeRate.objects.filter(currency="CNY").values_list("valid_from", flat=True))
    for valid_from, units in RATES:
        if valid_from not in known:
            monitoring.record_exchange_rate(
                by=ctx.by,
                currency="CNY",
                valid_from=valid_from,
                units_per_usd=units,
                source=RATE_SOURCE,
            )
            ctx.report.add("exchange_rates")

    enterprises = {code: ctx.enterprises[code] for code in ROWS}
    ids = {e.pk: code for code, e in enterprises.items()}
    indicators = Indicator.objects.in_bulk(field_name="code")
    codes = {i.pk: code for code, i in indicators.items()}
    existing = {
        (ids[e], codes[i], start, end, wave)
        for e, i, start, end, wave in Measurement.objects.filter(
            enterprise__in=enterprises.values()
        ).values_list("enterprise_id", "indicator_id", "period_start", "period_end", "wave")
    }
    for v in plan_measurements(_steps(ctx)):
        if (v.enterprise, v.indicator, *v.period, v.wave) in existing:
            continue
        monitoring.record_measurement(
            by=ctx.by,
            enterprise=enterprises[v.enterprise],
            indicator=indicators[v.indicator],
            period_start=v.period[0],
            period_end=v.period[1],
            wave=v.wave,
            value=v.value,
            currency=v.currency,
            source=v.source,
        )
        ctx.report.add("measurements")
    ctx.part_done("KPI measurements", ["exchange_rates", "measurements"])


# Per practice: the chance it is in place at baseline, and after the module (an enterprise
# that had it at baseline keeps it). Every Phase I enterprise formed a balanced team.
PRACTICE_ODDS = {
    "wc_eit_exists": (0.0, 1.0),
    "wc_eit_monthly": (0.0, 0.86),
    "wc_suggestion_scheme": (0.22, 0.9),
    "wc_eit_balanced": (0.0, 1.0),
    "wc_info_board": (0.15, 0.74),
    "pcp_5s": (0.25, 1.0),
    "pcp_energy_metered": (0.25, 0.75),
    "pcp_waste_sorted": (0.5, 1.0),
    "pcp_material_tracked": (0.25, 0.75),
}


@dataclass(frozen=True)
class Answer:
    enterprise: str
    item: str
    wave: str
    answer: bool
    on: datetime.date


def plan_practices(steps: dict[str, dict[str, delivery.Step]]) -> list[Answer]:
    """Each module's checklist at the baseline visit and, for those that finished the
    module, at the last follow-up visit."""
    answers = []
    for code in ROWS:
        for module, step in steps[code].items():
            rng = random.Random(f"{code} {module} practices")
            finished = step.completed_on is not None
            for item, (before_odds, after_odds) in PRACTICE_ODDS.items():
                if not item.startswith(module.lower() + "_"):
                    continue
                before = rng.random() < before_odds
                after = before or rng.random() < after_odds
                answers.append(Answer(code, item, PracticeWave.BASELINE, before, step.baseline_on))
                if finished:
                    answers.append(
                        Answer(code, item, PracticeWave.FOLLOW_UP, after, step.follow_ups[-1])
                    )
    return answers


def load_practices(ctx: "DemoContext") -> None:
    """The good-practice answers of Phase I that are missing."""
    enterprises = {code: ctx.enterprises[code] for code in ROWS}
    ids = {e.pk: code for code, e in enterprises.items()}
    items = PracticeItem.objects.in_bulk(list(PRACTICE_ODDS), field_name="code")
    existing = {
        (ids[e], code, wave)
        for e, code, wave in PracticeAnswer.objects.filter(
            enterprise__in=enterprises.values()
        ).values_list("enterprise_id", "item__code", "wave")
    }
    for a in plan_practices(_steps(ctx)):
        if (a.enterprise, a.item, a.wave) in existing:
            continue
        monitoring.record_practice_answer(
            by=ctx.by,
            enterprise=enterprises[a.enterprise],
            item=items[a.item],
            wave=a.wave,
            answer=a.answer,
            answered_on=a.on,
        )
        ctx.report.add("practice_answers")
    ctx.part_done("Good practices", ["practice_answers"])


# --- Surveys -------------------------------------------------------------------------------

# Satisfaction after Workplace Cooperation: four participants of each enterprise (its owner
# or a manager and another manager, two workers: the class places of the guidance) fill in
# the form at the end of the class; 212 in all. The number of positive answers (agree,
# strongly agree, yes) per question:
SATISFACTION_RESPONDENTS = {"manager": 2, "worker": 2}
SATISFACTION_POSITIVE = {
    "overall_satisfied": 189,  # 189/212 = 89.2%
    "content_relevant": 195,
    "trainer_good": 199,
    "materials_useful": 181,
    "would_recommend": 193,
}
# The Coop suppliers' endline perception surveys: 18 workers (13 women) and 4 managers (2
# women) at each, and how many answered negatively at each supplier (COOP_SUPPLIERS order).
# Published: 92% of interviewees saw better worker-management relations ((49 + 12) / 66);
# 100% of managers lower costs and higher productivity; 94% of workers a better working
# environment (51/54), 87% higher efficiency (47/54).
PERCEPTION = {
    "WPS": {
        "role": "worker",
        "people": 18,
        "women": 13,
        "negative": {
            "relations_improved": (2, 2, 1),
            "trust_management": (3, 4, 3),
            "environment_better": (1, 1, 1),
            "efficiency_higher": (2, 3, 2),
            "suggestions_heard": (5, 4, 5),
        },
    },
    "MPS": {
        "role": "manager",
        "people": 4,
        "women": 2,
        "negative": {
            "relations_improved": (0, 0, 0),
            "trust_workers": (1, 0, 1),
            "costs_lower": (0, 0, 0),
            "productivity_higher": (0, 0, 0),
            "environment_better": (0, 1, 0),
        },
    },
}
# A Tuesday: the first supplier is surveyed then, the others on the next days.
ENDLINE_SURVEY_ON = datetime.date(2012, 11, 13)
TENURES = ("lt1", "1to3", "1to3", "3to10", "3to10", "gt10")


@dataclass(frozen=True)
class SurveyResponse:
    questionnaire: str
    enterprise: str
    wave: str
    role: str
    sex: str
    tenure_band: str
    answers: dict
    on: datetime.date
    session: str = ""  # class code


def _answer(question: str, positive: bool, rng: random.Random) -> str:
    if question in ("would_recommend", "suggestions_heard"):
        return "yes" if positive else "no"
    if positive:
        return "5" if rng.random() < 0.4 else "4"
    return "2" if rng.random() < 0.3 else "3"


def plan_surveys(steps: dict[str, dict[str, delivery.Step]]) -> list[SurveyResponse]:
    """Satisfaction after each Phase I Workplace Cooperation class, then the Coop suppliers'
    endline perception surveys."""
    respondents = []
    for code, row in ROWS.items():
        step = steps[code]["WC"]
        people = data.people_of(row, data.participant_counts()[code])
        managers = [p for p in people if p.role in ("owner", "manager")]
        workers = [p for p in people if p.role == "worker"]
        chosen = (
            managers[: SATISFACTION_RESPONDENTS["manager"]]
            + workers[: SATISFACTION_RESPONDENTS["worker"]]
        )
        for person in chosen:
            role = "worker" if person.role == "worker" else "manager"
            respondents.append((code, step, person.sex, role))
    # Which respondents answer each question positively: a fixed share, drawn per question.
    positive = {}
    for question, n in SATISFACTION_POSITIVE.items():
        order = list(range(len(respondents)))
        random.Random(f"SAT {question}").shuffle(order)
        positive[question] = set(order[:n])
    responses = []
    for i, (code, step, sex, role) in enumerate(respondents):
        rng = random.Random(f"SAT {code} {i}")
        responses.append(
            SurveyResponse(
                "SAT",
                code,
                "after_module",
                role,
                sex,
                rng.choice(TENURES),
                {q: _answer(q, i in positive[q], rng) for q in SATISFACTION_POSITIVE},
                step.start + datetime.timedelta(days=1),
                step.row.code,
            )
        )

    for k, code in enumerate(data.COOP_SUPPLIERS):
        on = ENDLINE_SURVEY_ON + datetime.timedelta(days=k)
        for questionnaire, spec in PERCEPTION.items():
            rng = random.Random(f"{questionnaire} {code}")
            for j in range(spec["people"]):
                answers = {}
                for offset, (question, negatives) in enumerate(spec["negative"].items()):
                    negative = (j + 3 * offset) % spec["people"] < negatives[k]
                    answers[question] = _answer(question, not negative, rng)
                responses.append(
                    SurveyResponse(
                        questionnaire,
                        code,
                        "endline",
                        spec["role"],
                        "female" if j < spec["women"] else "male",
                        rng.choice(TENURES),
                        answers,
                        on,
                    )
                )
    return responses


def load_surveys(ctx: "DemoContext") -> None:
    """The survey responses of Phase I that are missing: an enterprise's responses to a
    questionnaire in a wave are counted, and only those beyond the count are recorded."""
    enterprises = {code: ctx.enterprises[code] for code in ROWS}
    ids = {e.pk: code for code, e in enterprises.items()}
    questionnaires = Questionnaire.objects.in_bulk(["SAT", "WPS", "MPS"], field_name="code")
    codes = {q.pk: code for code, q in questionnaires.items()}
    programme = ctx.programmes[PROGRAMME]
    counts = {
        (codes[row["questionnaire_id"]], ids[row["enterprise_id"]], row["wave"]): row["n"]
        for row in Response.objects.filter(
            programme=programme,
            enterprise__in=enterprises.values(),
            questionnaire__in=questionnaires.values(),
        )
        .values("questionnaire_id", "enterprise_id", "wave")
        .annotate(n=Count("id"))
        .order_by()
    }
    sessions = ctx.sessions or ClassroomSession.objects.in_bulk(
        [row.code for row in data.CLASSES], field_name="code"
    )
    seen = defaultdict(int)
    for r in plan_surveys(_steps(ctx)):
        key = (r.questionnaire, r.enterprise, r.wave)
        seen[key] += 1
        if seen[key] <= counts.get(key, 0):
            continue
        surveys.record_response(
            by=ctx.by,
            questionnaire=questionnaires[r.questionnaire],
            enterprise=enterprises[r.enterprise],
            programme=programme,
            wave=r.wave,
            role=r.role,
            sex=r.sex,
            tenure_band=r.tenure_band,
            answers=r.answers,
            session=sessions.get(r.session) if r.session else None,
            submitted_on=r.on,
        )
        ctx.report.add("survey_responses")
    ctx.part_done("Surveys", ["survey_responses"])
