import datetime

import pytest

from score.core.exceptions import ActionError
from score.enterprises.models import Enterprise
from score.monitoring import actions, queries

pytestmark = pytest.mark.django_db

DAY = datetime.date(2012, 3, 1)


def answer(enterprise, code, wave, yes):
    return actions.record_practice_answer(
        by=None, enterprise=enterprise, item=code, wave=wave, answer=yes, answered_on=DAY
    )


def _counts(enterprises):
    return {row["item__code"]: row for row in queries.practice_adoption(enterprises)}


def test_adoption_counts_a_practice_that_appears_after_training(world):
    answer(world.provided, "wc_eit_exists", "baseline", False)
    answer(world.provided, "wc_eit_exists", "follow_up", True)
    answer(world.unrelated_cn, "wc_eit_exists", "follow_up", True)  # no baseline answer
    answer(world.sponsored_private, "wc_eit_exists", "baseline", True)
    answer(world.sponsored_private, "wc_eit_exists", "follow_up", True)
    answer(world.sponsored_consenting, "wc_eit_exists", "baseline", False)
    answer(world.sponsored_consenting, "wc_eit_exists", "follow_up", False)
    row = _counts(Enterprise.objects.all())["wc_eit_exists"]
    assert (row["adopted"], row["already"], row["answered"]) == (2, 1, 4)


def test_adoption_counts_only_the_enterprises_given(world):
    answer(world.provided, "wc_eit_exists", "follow_up", True)
    answer(world.foreign, "wc_eit_exists", "follow_up", True)
    row = _counts(Enterprise.objects.filter(pk=world.foreign.pk))["wc_eit_exists"]
    assert row["adopted"] == 1


def test_answering_again_updates_the_same_answer(world):
    first = answer(world.provided, "qm_root_cause", "baseline", False)
    second = answer(world.provided, "qm_root_cause", "baseline", True)
    assert first.pk == second.pk and second.answer is True


def test_practices_are_not_answered_at_endline(world):
    with pytest.raises(ActionError) as error:
        answer(world.provided, "qm_root_cause", "endline", True)
    assert error.value.field == "wave"


def test_unknown_practice_code_is_refused(world):
    with pytest.raises(ActionError) as error:
        answer(world.provided, "no_such_practice", "baseline", True)
    assert error.value.field == "item"
