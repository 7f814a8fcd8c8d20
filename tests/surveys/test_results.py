"""Shares positive per question, counted in SQL, and suppression of small groups."""

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from score.surveys import queries
from score.surveys.models import Answer, Questionnaire, Response

from .conftest import respond


def _results(user, code="WPS", **filters):
    questionnaire = Questionnaire.objects.get(code=code)
    return {r.question.code: r for r in queries.results(user, questionnaire, filters=filters)}


def _cells(result):
    return [result.total, *(c for _l, c in result.by_sex), *(c for _l, c in result.by_role)]


def test_five_respondents_give_a_share_with_n(world, admin_user):
    respond(world.provided, count=4)
    respond(world.provided, answers={"relations_improved": "2"})
    row = _results(admin_user)["relations_improved"]
    assert (row.total.n, row.total.positive, row.total.percent) == (5, 4, 80)
    assert not row.total.suppressed


def test_four_respondents_give_no_figure(world, admin_user):
    respond(world.provided, count=4)
    row = _results(admin_user)["relations_improved"]
    assert row.total.suppressed and row.total.share is None


def test_every_cell_below_five_is_suppressed_including_breakdowns(world, admin_user):
    respond(world.provided, count=8, sex="female")
    respond(world.provided, count=2, sex="male")
    row = _results(admin_user)["relations_improved"]
    by_sex = dict(row.by_sex)
    assert not row.total.suppressed
    assert by_sex["Male"].suppressed
    # Otherwise male = total − female could be worked out.
    assert by_sex["Female"].suppressed


def test_a_small_group_cannot_be_recovered_by_subtracting_two_shown_groups(world, admin_user):
    respond(world.provided, count=10, sex="female")
    respond(world.provided, count=6, sex="male")
    respond(world.provided, count=2, sex="other")
    by_sex = dict(_results(admin_user)["relations_improved"].by_sex)
    suppressed = {label for label, cell in by_sex.items() if cell.suppressed}
    assert suppressed == {"Other / not stated", "Male"}


def test_filtering_a_sex_cannot_reveal_the_small_rest_by_differencing(world, admin_user):
    respond(world.provided, count=9, sex="female")
    respond(world.provided, count=3, sex="male")
    everyone = _results(admin_user)["relations_improved"].total
    women = _results(admin_user, sex="female")["relations_improved"].total
    assert not everyone.suppressed
    assert women.suppressed


def test_filtering_a_wave_cannot_reveal_the_small_other_wave(world, admin_user):
    respond(world.provided, count=7, wave="endline")
    respond(world.provided, count=1, wave="baseline")
    endline = _results(admin_user, wave="endline")["relations_improved"].total
    assert endline.suppressed


def test_sponsors_see_aggregates_of_all_their_suppliers(world, sponsor_user):
    respond(world.sponsored_consenting, count=3)
    respond(world.sponsored_private, count=3)
    respond(world.unrelated_cn, count=5)
    row = _results(sponsor_user)["relations_improved"]
    assert row.total.n == 6 and not row.total.suppressed


def test_an_enterprise_user_sees_no_survey_figures(world, enterprise_user):
    respond(world.unrelated_cn, count=6)
    assert _results(enterprise_user)["relations_improved"].total.n == 0


def test_relations_improved_across_workers_and_managers(world, admin_user):
    respond(world.provided, "WPS", count=5)
    respond(world.provided, "MPS", count=5, role="manager", answers={"relations_improved": "2"})
    cell = queries.share_positive(
        admin_user, question_codes=["relations_improved"], questionnaires=["WPS", "MPS"]
    )
    assert (cell.n, cell.positive) == (10, 5)


_response = st.tuples(
    st.sampled_from(["baseline", "endline"]),
    st.sampled_from(["worker", "manager"]),
    st.sampled_from(["female", "male", "other"]),
    st.sampled_from(["1", "2", "3", "4", "5", ""]),
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    data=st.lists(_response, min_size=0, max_size=40),
    wave=st.sampled_from([None, "baseline", "endline"]),
    sex=st.sampled_from([None, "female", "male", "other"]),
)
def test_sql_shares_match_a_pure_python_count_and_small_cells_are_never_shown(
    world, admin_user, data, wave, sex
):
    Answer.objects.all().delete()
    Response.objects.all().delete()
    rng = random.Random(len(data))
    for row_wave, role, row_sex, value in data:
        answers = {"relations_improved": value, "trust_management": rng.choice("12345")}
        respond(world.provided, wave=row_wave, role=role, sex=row_sex, answers=answers)
    filters = {k: v for k, v in {"wave": wave, "sex": sex}.items() if v}
    row = _results(admin_user, **filters)["relations_improved"]
    chosen = [d for d in data if d[3] and (not wave or d[0] == wave) and (not sex or d[2] == sex)]
    assert row.total.n == len(chosen)
    assert row.total.positive == sum(1 for d in chosen if d[3] in ("4", "5"))
    for cell in _cells(row):
        if cell.n and not cell.suppressed:
            assert cell.n >= queries.MIN_RESPONDENTS
            assert cell.percent == round(100 * cell.positive / cell.n)
        if 0 < cell.n < queries.MIN_RESPONDENTS:
            assert cell.suppressed and cell.percent is None
