import pytest

from score.core.exceptions import ActionError
from score.surveys import actions
from score.surveys.models import Answer, Response

from .conftest import respond


def _record(world, questionnaire, **changes):
    arguments = {
        "by": None,
        "questionnaire": questionnaire,
        "enterprise": world.provided,
        "wave": "endline",
        "role": "worker",
        "sex": "female",
        "tenure_band": "lt1",
        "answers": {"relations_improved": "5", "suggestions_heard": "no"},
    }
    arguments.update(changes)
    return actions.record_response(**arguments)


def test_a_valid_response_is_recorded_with_its_answers_and_positive_flags(world, worker_survey):
    response = _record(world, worker_survey)
    answers = dict(response.answers.values_list("question__code", "is_positive"))
    assert answers == {"relations_improved": True, "suggestions_heard": False}
    assert response.programme == world.programme


def test_a_likert_answer_outside_one_to_five_is_refused_naming_the_question(world, worker_survey):
    with pytest.raises(ActionError) as error:
        _record(world, worker_survey, answers={"trust_management": "6"})
    assert "trust_management" in error.value.message
    assert error.value.field == "trust_management"
    assert not Response.objects.exists()


def test_a_yes_no_answer_that_is_not_yes_or_no_is_refused(world, worker_survey):
    with pytest.raises(ActionError, match="suggestions_heard"):
        _record(world, worker_survey, answers={"suggestions_heard": "maybe"})


def test_an_unknown_question_is_refused(world, worker_survey):
    with pytest.raises(ActionError, match="costs_lower"):
        _record(world, worker_survey, answers={"costs_lower": "4"})


def test_a_wave_the_questionnaire_is_not_asked_in_is_refused(world, worker_survey):
    with pytest.raises(ActionError) as error:
        _record(world, worker_survey, wave="after_module")
    assert error.value.field == "wave"


def test_a_response_answering_nothing_is_refused(world, worker_survey):
    with pytest.raises(ActionError):
        _record(world, worker_survey, answers={"relations_improved": ""})


def test_an_invalid_answer_after_valid_ones_writes_nothing(world, worker_survey):
    with pytest.raises(ActionError):
        _record(world, worker_survey, answers={"relations_improved": "4", "trust_management": "x"})
    assert not Answer.objects.exists()
    assert not Response.objects.exists()


def test_the_same_external_id_cannot_be_recorded_twice(world, worker_survey):
    _record(world, worker_survey, external_id="abc")
    with pytest.raises(ActionError, match="abc"):
        _record(world, worker_survey, external_id="abc")


def test_an_enterprise_in_several_programmes_needs_the_programme(world, worker_survey):
    from tests.factories import ParticipationFactory

    ParticipationFactory(enterprise=world.provided, programme=world.other_programme)
    with pytest.raises(ActionError) as error:
        _record(world, worker_survey)
    assert error.value.field == "programme"
    response = _record(world, worker_survey, programme=world.other_programme)
    assert response.programme == world.other_programme


def test_a_response_has_no_field_that_could_identify_the_respondent():
    names = {f.name for f in Response._meta.get_fields()}
    assert names == {
        "id",
        "created_at",
        "updated_at",
        "questionnaire",
        "enterprise",
        "programme",
        "wave",
        "respondent_role",
        "sex",
        "tenure_band",
        "session",
        "submitted_on",
        "source",
        "source_file",
        "source_row",
        "external_id",
        "answers",
    }
    identifying = ("name", "email", "phone", "address", "person", "user", "birth", "id_number")
    assert not [n for n in names if any(word in n for word in identifying)]


def test_the_seeded_questionnaires_have_chinese_texts(db):
    from score.surveys.models import Question, Questionnaire

    assert set(Questionnaire.objects.values_list("code", flat=True)) >= {"SAT", "WPS", "MPS"}
    assert all(q.text_translations.get("zh-hans") for q in Question.objects.all())


def test_respond_helper_records_many(world):
    assert len(respond(world.provided, count=3)) == 3
