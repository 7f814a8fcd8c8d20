import itertools

import pytest

from score.surveys import actions
from score.surveys.models import Questionnaire

_ids = itertools.count(1)


def respond(
    enterprise,
    code="WPS",
    *,
    count=1,
    wave=None,
    role="worker",
    sex="female",
    tenure_band="1to3",
    answers=None,
    **extra,
):
    """Record ``count`` identical responses through the action."""
    questionnaire = Questionnaire.objects.prefetch_related("questions").get(code=code)
    wave = wave or questionnaire.waves[-1]
    if answers is None:
        answers = {
            q.code: ("4" if q.type == "likert5" else "yes") for q in questionnaire.questions.all()
        }
    return [
        actions.record_response(
            by=None,
            questionnaire=questionnaire,
            enterprise=enterprise,
            wave=wave,
            role=role,
            sex=sex,
            tenure_band=tenure_band,
            answers=answers,
            **extra,
        )
        for _ in range(count)
    ]


@pytest.fixture
def worker_survey(db):
    return Questionnaire.objects.prefetch_related("questions").get(code="WPS")
