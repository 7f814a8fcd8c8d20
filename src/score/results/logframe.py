"""A programme's logframe: the targets coordinators enter (programmes.LogframeTarget)
against actuals computed from the records.

Each logframe indicator (programmes.LogframeIndicator) gets its actual from a *source*: a
function ``source(programme, until_date)`` returning a number, a ``{"female": n, "male": n}``
dict (optionally with ``"total"``) for indicators counted by sex, or ``None`` when the
records cannot tell. Sources live in ``SOURCES``; other apps (trainers, finance) plug theirs
in with ``register(code, function)``. Indicators without a source show "not yet recorded".

Logframe figures are programme-wide: who may read them is decided by
``score.accounts.scopes.logframes_visible_to`` (admins, the programme's coordinators and its
donors), so the sources read the whole programme, not one user's slice of it."""

import datetime
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from score.accounts.scopes import Scope
from score.enterprises.models import Enterprise
from score.programmes.models import (
    BY_SEX_INDICATORS,
    LogframeIndicator,
    LogframeTarget,
    Programme,
)

Source = Callable[[Programme, datetime.date], object]
SOURCES: dict[str, Source] = {}

# How each indicator's actual is computed, shown under the table.
DEFINITIONS: dict[str, object] = {
    LogframeIndicator.SMES_TRAINED: _(
        "Enterprises with a module whose classroom was done by the date."
    ),
    LogframeIndicator.PEOPLE_TRAINED: _(
        "Distinct people (owners, managers and workers) who took a place in a class of the "
        "programme that started by the date."
    ),
    LogframeIndicator.WORKFORCE: _(
        "All employees (women and men) of the enterprises trained by the date, as last recorded."
    ),
    LogframeIndicator.ENTERPRISE_VISITS: _("Enterprise visits recorded as done by the date."),
    LogframeIndicator.MOUS_SIGNED: _(
        "Implementation partners and providers of the programme whose MoU was signed by the date."
    ),
    LogframeIndicator.BUSINESS_PLANS: _(
        "Implementation partners and providers of the programme with a business plan for SCORE."
    ),
    LogframeIndicator.CLUSTERS_SELECTED: _(
        "Distinct clusters of the trained enterprises (the enterprise's cluster field)."
    ),
    LogframeIndicator.TRAINERS_TRAINED: _(
        "Trainers of the programme who were trained (ToT) by the date, as the trainer "
        "network records them."
    ),
    LogframeIndicator.TRAINERS_CERTIFIED: _(
        "Trainers of the programme certified for at least one module by the date."
    ),
    LogframeIndicator.TRAINERS_ACTIVE: _(
        "Certified trainers of the programme who delivered a class or visit in the months "
        "before the date."
    ),
    LogframeIndicator.EXPERT_TRAINERS: _(
        "Expert trainers of the programme's country with a valid certificate at the date."
    ),
    LogframeIndicator.INSTITUTIONS_EMBEDDING: _(
        "Training institutions and BDS providers with an active MoU that delivered at least "
        "one enrolment of the programme by the date."
    ),
    LogframeIndicator.SPONSORS_PAYING: _(
        "Organisations that paid a sponsor's share of a fee of the programme by the date."
    ),
    LogframeIndicator.COST_COVERED: _(
        "Per cent of the training fees (in US dollars) agreed by the date that are paid by "
        "others than the programme and its donors."
    ),
}


def register(code: str, source: Source) -> None:
    """Plug in the source of one logframe indicator (replacing any earlier one)."""
    if code not in LogframeIndicator.values:
        raise ValueError(f"{code!r} is not a logframe indicator")
    SOURCES[code] = source


class _WholeProgramme:
    """Reads a programme's records whole through the shared delivery queries, which take a
    user: logframe actuals are programme-wide (see the module docstring)."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    pk = None
    _score_scope = Scope(is_admin=True)


WHOLE_PROGRAMME = _WholeProgramme()


# Sources computed from the records of this project -------------------------------------


def _delivery(programme, until):
    from score.training.queries import delivery_figures

    return delivery_figures(WHOLE_PROGRAMME, programme, until=until)


def smes_trained(programme, until):
    return _delivery(programme, until)["enterprises_trained"]


def people_trained(programme, until):
    figures = _delivery(programme, until)
    return {
        "total": figures["people_trained"],
        "female": figures["people_female"],
        "male": figures["people_male"],
    }


def _trained_enterprises(programme, until):
    from score.training.models import Enrolment

    return Enterprise.objects.filter(
        pk__in=Enrolment.objects.filter(
            programme=programme, classroom_on__isnull=False, classroom_on__lte=until
        ).values("enterprise")
    )


def workforce(programme, until):
    return _trained_enterprises(programme, until).aggregate(n=Sum("employees_total"))["n"] or 0


def clusters_selected(programme, until):
    return (
        _trained_enterprises(programme, until)
        .exclude(cluster="")
        .values("cluster")
        .distinct()
        .count()
    )


def enterprise_visits(programme, until):
    from score.counselling.queries import visit_figures

    return visit_figures(WHOLE_PROGRAMME, programme, until=until)["done"]


register(LogframeIndicator.SMES_TRAINED, smes_trained)
register(LogframeIndicator.PEOPLE_TRAINED, people_trained)
register(LogframeIndicator.WORKFORCE, workforce)
register(LogframeIndicator.ENTERPRISE_VISITS, enterprise_visits)
register(LogframeIndicator.CLUSTERS_SELECTED, clusters_selected)


# Sources of the trainers and finance apps -------------------------------------------------
# Those apps expose functions taking (country or programme, until date); these adapters
# call them for the programme. They are looked up when first needed, so a logframe still
# works (showing "not yet recorded") where an app does not offer a function.


def _trainers(name):
    def source(programme, until):
        from score.trainers import queries

        return getattr(queries, name)(programme=programme, until_date=until)

    return source


def _expert_trainers(programme, until):
    from score.trainers.queries import expert_trainers_by_sex

    return expert_trainers_by_sex(country=programme.country, until_date=until)


def _finance_count(name):
    def source(programme, until):
        from score.finance import queries

        return getattr(queries, name)(programme=programme, until=until).count()

    return source


def _cost_covered(programme, until):
    from score.finance.queries import cost_recovery

    return cost_recovery(programme=programme, until=until)["total"].percent


PLUG_INS = {
    LogframeIndicator.TRAINERS_TRAINED: (
        "score.trainers.queries",
        "trainers_trained",
        _trainers("trainers_trained"),
    ),
    LogframeIndicator.TRAINERS_CERTIFIED: (
        "score.trainers.queries",
        "trainers_certified",
        _trainers("trainers_certified"),
    ),
    LogframeIndicator.TRAINERS_ACTIVE: (
        "score.trainers.queries",
        "trainers_active",
        _trainers("trainers_active"),
    ),
    LogframeIndicator.EXPERT_TRAINERS: (
        "score.trainers.queries",
        "expert_trainers_by_sex",
        _expert_trainers,
    ),
    LogframeIndicator.INSTITUTIONS_EMBEDDING: (
        "score.finance.queries",
        "institutions_embedding_score",
        _finance_count("institutions_embedding_score"),
    ),
    LogframeIndicator.SPONSORS_PAYING: (
        "score.finance.queries",
        "sponsors_paying",
        _finance_count("sponsors_paying"),
    ),
    LogframeIndicator.COST_COVERED: ("score.finance.queries", "cost_recovery", _cost_covered),
    LogframeIndicator.MOUS_SIGNED: (
        "score.finance.queries",
        "mous_signed",
        _finance_count("mous_signed"),
    ),
    LogframeIndicator.BUSINESS_PLANS: (
        "score.finance.queries",
        "business_plans_developed",
        _finance_count("business_plans_developed"),
    ),
}
_plugged = False


def plug_in_other_apps() -> None:
    """Register the trainers' and finance sources the apps offer (once per process);
    sources registered explicitly are kept."""
    global _plugged
    if _plugged:
        return
    for code, (module_name, function, source) in PLUG_INS.items():
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        if hasattr(module, function) and code not in SOURCES:
            register(code, source)
    _plugged = True


# Building the table --------------------------------------------------------------------


@dataclass
class Actual:
    total: Decimal | int | None
    female: int | None = None
    male: int | None = None

    def for_sex(self, sex: str):
        return (
            {"female": self.female, "male": self.male}.get(sex, self.total) if sex else self.total
        )


def _as_actual(value) -> Actual | None:
    if value is None:
        return None
    if isinstance(value, dict):
        female, male = value.get("female"), value.get("male")
        total = value.get("total")
        if total is None and female is not None and male is not None:
            total = female + male
        return Actual(total=total, female=female, male=male)
    return Actual(total=value)


def actual_for(programme, code: str, until: datetime.date) -> Actual | None:
    """The actual of one indicator by a date, or None when nothing records it."""
    plug_in_other_apps()
    source = SOURCES.get(code)
    return _as_actual(source(programme, until)) if source else None


@dataclass
class TargetRow:
    target: LogframeTarget
    actual: object  # number, or None when not recorded
    until: datetime.date

    @property
    def progress(self) -> float | None:
        """Actual as a fraction of the target (0.8 = 80 per cent), None without both."""
        if self.actual is None or not self.target.value:
            return None
        return float(Decimal(self.actual) / self.target.value)

    @property
    def percent(self) -> int | None:
        return None if self.progress is None else round(self.progress * 100)


@dataclass
class IndicatorRow:
    code: str
    label: str
    by_sex: bool
    recorded: bool
    actual: Actual | None
    definition: object = None
    targets: list[TargetRow] = field(default_factory=list)


def _today() -> datetime.date:
    return timezone.localdate()


def build_logframe(programme: Programme, *, today: datetime.date | None = None) -> dict:
    """Every logframe indicator of the programme with its actual to date and, per target,
    the actual by the target's date (or to date, for a target still in the future).

    One query for the targets, then the sources' queries once per distinct date: the cost
    does not grow with the number of enterprises."""
    today = today or _today()
    plug_in_other_apps()
    targets = list(
        LogframeTarget.objects.filter(programme=programme)
        .select_related("country")
        .order_by("target_date", "country__name", "sex")
    )
    cache: dict[tuple[str, datetime.date], Actual | None] = {}

    def cached(code, until):
        key = (code, until)
        if key not in cache:
            cache[key] = actual_for(programme, code, until)
        return cache[key]

    rows = []
    for code, label in LogframeIndicator.choices:
        row = IndicatorRow(
            code=code,
            label=label,
            by_sex=code in BY_SEX_INDICATORS,
            recorded=code in SOURCES,
            actual=cached(code, today),
            definition=DEFINITIONS.get(code) if code in SOURCES else None,
        )
        for target in targets:
            if target.indicator != code:
                continue
            until = min(target.target_date, today)
            actual = cached(code, until)
            row.targets.append(
                TargetRow(
                    target=target,
                    actual=None if actual is None else actual.for_sex(target.sex),
                    until=until,
                )
            )
        rows.append(row)
    return {"programme": programme, "today": today, "rows": rows, "actual_at": cached}
