"""Every write to survey responses. Views, the Kobo/ODK import and the demo call these."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from score.core.audit import record
from score.core.exceptions import ActionError
from score.surveys.models import (
    Answer,
    Question,
    Questionnaire,
    RespondentRole,
    Response,
    Sex,
    Source,
    TenureBand,
)


def answer_error(question: Question, value) -> str | None:
    """Why ``value`` is not a valid answer to ``question``, or None when it is."""
    allowed = question.choices.values
    if str(value) in allowed:
        return None
    return _("“%(value)s” is not an answer to %(code)s (“%(text)s”); use one of %(allowed)s.") % {
        "value": value,
        "code": question.code,
        "text": question.text,
        "allowed": ", ".join(allowed),
    }


def field_errors(
    *, questionnaire: Questionnaire, wave: str, role: str, sex: str, tenure_band: str
) -> dict[str, str]:
    """Problems with the respondent's description, by field name."""
    errors = {}
    if wave not in (questionnaire.waves or []):
        errors["wave"] = _("The wave “%(wave)s” is not one of this questionnaire's: %(waves)s.") % {
            "wave": wave,
            "waves": ", ".join(questionnaire.waves or []),
        }
    checks = [
        ("role", role, RespondentRole, _("role")),
        ("sex", sex, Sex, _("sex")),
        ("tenure_band", tenure_band, TenureBand, _("tenure band")),
    ]
    for name, value, choices, label in checks:
        if value not in choices.values:
            errors[name] = _("“%(value)s” is not a %(label)s; use one of %(allowed)s.") % {
                "value": value,
                "label": label,
                "allowed": ", ".join(choices.values),
            }
    return errors


def programme_for(enterprise, programme=None):
    """The programme a response belongs to: the one given (the enterprise must take part in
    it), or the enterprise's only programme."""
    programmes = [p.programme for p in enterprise.participations.select_related("programme")]
    if programme is not None:
        if programme.pk not in {p.pk for p in programmes}:
            raise ActionError(
                _("%(ent)s does not take part in %(prog)s; choose one of its programmes.")
                % {"ent": enterprise, "prog": programme.code},
                field="programme",
            )
        return programme
    if len(programmes) == 1:
        return programmes[0]
    if not programmes:
        raise ActionError(
            _("%(ent)s takes part in no programme; enrol it in one before recording surveys.")
            % {"ent": enterprise},
            field="enterprise",
        )
    raise ActionError(
        _("%(ent)s takes part in several programmes; say which one this response belongs to.")
        % {"ent": enterprise},
        field="programme",
    )


@transaction.atomic
def record_response(
    *,
    by,
    questionnaire: Questionnaire,
    enterprise,
    wave: str,
    role: str,
    sex: str,
    tenure_band: str,
    answers: dict[str, str],
    programme=None,
    session=None,
    submitted_on: datetime.date | None = None,
    source: str = Source.FORM,
    source_file: str = "",
    source_row: int | None = None,
    external_id: str | None = None,
) -> Response:
    """Record one anonymous response. Every answer is checked against its question's type;
    the first problem is raised as an ActionError naming the question."""
    errors = field_errors(
        questionnaire=questionnaire, wave=wave, role=role, sex=sex, tenure_band=tenure_band
    )
    if errors:
        field, message = next(iter(errors.items()))
        raise ActionError(message, field=field)
    questions = {q.code: q for q in questionnaire.questions.all()}
    unknown = sorted(set(answers) - set(questions))
    if unknown:
        raise ActionError(
            _("%(codes)s is not a question of %(q)s; its questions are %(known)s.")
            % {"codes": ", ".join(unknown), "q": questionnaire.code, "known": ", ".join(questions)}
        )
    given = {code: str(v).strip() for code, v in answers.items() if str(v or "").strip()}
    if not given:
        raise ActionError(_("Answer at least one question."))
    for code, value in given.items():
        message = answer_error(questions[code], value)
        if message:
            raise ActionError(message, field=code)
    if (
        external_id
        and Response.objects.filter(questionnaire=questionnaire, external_id=external_id).exists()
    ):
        raise ActionError(
            _("A response with the id %(id)s was already recorded for %(q)s.")
            % {"id": external_id, "q": questionnaire.code}
        )
    if (
        session is not None
        and questionnaire.module_id
        and session.module_id != questionnaire.module_id
    ):
        raise ActionError(
            _("The session %(s)s is about another module than this questionnaire.")
            % {"s": session},
            field="session",
        )
    response = Response(
        questionnaire=questionnaire,
        enterprise=enterprise,
        programme=programme_for(enterprise, programme),
        wave=wave,
        respondent_role=role,
        sex=sex,
        tenure_band=tenure_band,
        session=session,
        submitted_on=submitted_on or timezone.localdate(),
        source=source,
        source_file=source_file[:200],
        source_row=source_row,
        external_id=external_id or "",
    )
    response.full_clean()
    response.save()
    Answer.objects.bulk_create(
        Answer(
            response=response,
            question=questions[code],
            value=value,
            is_positive=value in questions[code].positive,
        )
        for code, value in given.items()
    )
    record(
        by=by,
        verb="record_survey_response",
        obj=response,
        changes={
            "questionnaire": questionnaire.code,
            "enterprise": enterprise.pk,
            "wave": wave,
            "source": source,
            "answers": len(given),
        },
    )
    return response
