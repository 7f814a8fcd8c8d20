"""Reads of surveys that pages share. Results start from the user's results scope.

Shares are counted in SQL: one grouped query per results page returns, per question and
per (programme, wave, role, sex), the respondents who answered and those who answered
positively. Every figure shown is a sum of those groups, so the page costs the same with 5
or 50,000 responses.

Small groups are suppressed (DESIGN.md: no figure for fewer than 5 respondents), and so is
any cell that could be recovered by subtracting cells the user can see or ask for with the
filters: for each condition of a cell (its programme, wave, role or sex), the cell is
checked as one part of the partition over that condition's values; inside a partition, a
part of 1–4 respondents is suppressed, and if that leaves exactly one suppressed part the
next smallest part is suppressed too (so the missing part cannot be worked out from the
total)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from score.accounts.scopes import survey_responses_in_results_scope
from score.surveys.models import (
    Answer,
    Question,
    Questionnaire,
    RespondentRole,
    Sex,
    Wave,
)

MIN_RESPONDENTS = 5
DIMENSIONS = ("programme", "wave", "role", "sex")


def questionnaire_list():
    return Questionnaire.objects.filter(is_active=True).annotate(
        question_count=Count("questions", distinct=True)
    )


def questionnaire_detail(code: str) -> Questionnaire:
    return (
        Questionnaire.objects.select_related("module")
        .prefetch_related(
            Prefetch("questions", queryset=Question.objects.order_by("order", "code"))
        )
        .get(code=code)
    )


@dataclass
class Cell:
    n: int = 0
    positive: int = 0
    suppressed: bool = False

    @property
    def share(self) -> float | None:
        if self.suppressed or not self.n:
            return None
        return self.positive / self.n

    @property
    def percent(self) -> int | None:
        share = self.share
        return None if share is None else round(share * 100)


@dataclass
class QuestionResult:
    question: Question
    total: Cell
    by_sex: list[tuple[str, Cell]] = field(default_factory=list)
    by_role: list[tuple[str, Cell]] = field(default_factory=list)


def group_counts(
    user, questionnaire: Questionnaire, *, within: Q | None = None
) -> dict[tuple, tuple[int, int]]:
    """(question id, programme id, wave, role, sex) -> (respondents, positive), in SQL,
    over the responses in the user's results scope (and matching ``within``, a condition
    on the response such as its enterprises or its submission dates)."""
    responses = survey_responses_in_results_scope(user).filter(questionnaire=questionnaire)
    if within is not None:
        responses = responses.filter(within)
    rows = (
        Answer.objects.filter(response__in=responses)
        .values(
            "question_id",
            "response__programme_id",
            "response__wave",
            "response__respondent_role",
            "response__sex",
        )
        .annotate(n=Count("id"), positive=Count("id", filter=Q(is_positive=True)))
        .order_by()
    )
    return {
        (
            row["question_id"],
            row["response__programme_id"],
            row["response__wave"],
            row["response__respondent_role"],
            row["response__sex"],
        ): (row["n"], row["positive"])
        for row in rows
    }


class _Table:
    """Sums of grouped counts for one question, and the suppression rule over them."""

    def __init__(self, groups: dict[tuple, tuple[int, int]]):
        self.groups = groups  # (programme, wave, role, sex) -> (n, positive)
        self.values = {d: set() for d in DIMENSIONS}
        for key in groups:
            for dim, value in zip(DIMENSIONS, key, strict=True):
                self.values[dim].add(value)
        self._cache: dict[tuple, tuple[int, int]] = {}

    def count(self, conditions: dict) -> tuple[int, int]:
        key = tuple(sorted(conditions.items()))
        if key not in self._cache:
            n = positive = 0
            for group, (gn, gp) in self.groups.items():
                if all(group[DIMENSIONS.index(d)] == v for d, v in conditions.items()):
                    n += gn
                    positive += gp
            self._cache[key] = (n, positive)
        return self._cache[key]

    def _suppressed_in_partition(self, conditions: dict, dim: str) -> bool:
        others = {d: v for d, v in conditions.items() if d != dim}
        parts = {v: self.count({**others, dim: v})[0] for v in self.values[dim]}
        parts.setdefault(conditions[dim], 0)
        hidden = {v for v, n in parts.items() if 0 < n < MIN_RESPONDENTS}
        # One hidden group could be worked out from the total and the others: hide the
        # next smallest too. Each turn adds a value not yet hidden, so this ends.
        while len(hidden) == 1:
            shown = sorted(
                ((n, str(v), v) for v, n in parts.items() if n and v not in hidden),
                key=lambda item: item[:2],
            )
            if not shown:
                break
            hidden.add(shown[0][2])
        return conditions[dim] in hidden

    def cell(self, conditions: dict) -> Cell:
        n, positive = self.count(conditions)
        suppressed = 0 < n < MIN_RESPONDENTS or any(
            self._suppressed_in_partition(conditions, dim) for dim in conditions
        )
        return Cell(n=n, positive=positive, suppressed=suppressed)


def results(
    user, questionnaire: Questionnaire, *, filters: dict, within: Q | None = None
) -> list[QuestionResult]:
    """Share positive per question of ``questionnaire`` for the user's results scope,
    under ``filters`` (any of programme, wave, role, sex) and over the responses matching
    ``within`` (see group_counts), with breakdowns by sex and role.
    Two queries: the questions and the grouped counts."""
    conditions = {d: filters[d] for d in DIMENSIONS if filters.get(d)}
    if "programme" in conditions:
        conditions["programme"] = getattr(conditions["programme"], "pk", conditions["programme"])
    per_question: dict[int, dict] = defaultdict(dict)
    for (question_id, *rest), counts in group_counts(user, questionnaire, within=within).items():
        per_question[question_id][tuple(rest)] = counts
    out = []
    for question in questionnaire.questions.order_by("order", "code"):
        table = _Table(per_question.get(question.pk, {}))
        out.append(
            QuestionResult(
                question=question,
                total=table.cell(conditions),
                by_sex=[
                    (label, _breakdown(table, conditions, "sex", value))
                    for value, label in Sex.choices
                ],
                by_role=[
                    (label, _breakdown(table, conditions, "role", value))
                    for value, label in RespondentRole.choices
                ],
            )
        )
    return out


def _breakdown(table: _Table, conditions: dict, dim: str, value) -> Cell:
    if dim in conditions and conditions[dim] != value:
        return Cell()
    return table.cell({**conditions, dim: value})


def share_positive(
    user, *, question_codes, questionnaires, within: Q | None = None, **filters
) -> Cell:
    """One suppressed-if-small cell over several questionnaires that ask the same question
    (e.g. relations_improved of workers and managers: "92% of interviewees")."""
    responses = survey_responses_in_results_scope(user).filter(
        questionnaire__code__in=questionnaires, **filters
    )
    if within is not None:
        responses = responses.filter(within)
    qs = Answer.objects.filter(
        response__in=responses,
        question__code__in=question_codes,
    ).aggregate(n=Count("id"), positive=Count("id", filter=Q(is_positive=True)))
    n, positive = qs["n"], qs["positive"]
    return Cell(n=n, positive=positive, suppressed=0 < n < MIN_RESPONDENTS)


WAVE_CHOICES = Wave.choices
