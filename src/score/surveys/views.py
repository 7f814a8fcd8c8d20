from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from score.accounts.scopes import (
    enterprises_surveyable_by,
    programmes_visible_to,
    sessions_visible_to,
)
from score.core.exceptions import ActionError
from score.core.forms import add_action_error
from score.core.pages import render_list
from score.imports import actions as import_actions
from score.imports.models import Job, JobKind
from score.surveys import actions, kobo, permissions, queries, xlsform
from score.surveys.forms import CsvImportForm, ResponseForm, ResultsFilterForm
from score.surveys.models import Questionnaire, QuestionnaireKind


def _questionnaire(code: str) -> Questionnaire:
    try:
        return queries.questionnaire_detail(code)
    except Questionnaire.DoesNotExist:
        raise Http404 from None


@login_required
def questionnaire_list(request):
    permissions.check_can_view_results(request.user)
    return render(
        request,
        "surveys/questionnaire_list.html",
        {"questionnaires": queries.questionnaire_list(), "minimum": queries.MIN_RESPONDENTS},
    )


@login_required
def questionnaire_detail(request, code):
    permissions.check_can_view_results(request.user)
    questionnaire = _questionnaire(code)
    return render(
        request,
        "surveys/questionnaire_detail.html",
        {
            "questionnaire": questionnaire,
            "can_enter": permissions.can_enter_responses(request.user),
        },
    )


@login_required
def questionnaire_xlsform(request, code):
    permissions.check_can_enter_responses(request.user)
    questionnaire = _questionnaire(code)
    enterprises = enterprises_surveyable_by(request.user).order_by("code")
    response = HttpResponse(
        xlsform.xlsform_bytes(questionnaire, enterprises=enterprises),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{xlsform.filename(questionnaire)}"'
    return response


@login_required
def results(request, code):
    permissions.check_can_view_results(request.user)
    questionnaire = _questionnaire(code)
    form = ResultsFilterForm(
        request.GET or None,
        programmes=programmes_visible_to(request.user),
        questionnaire=questionnaire,
    )
    filters = form.cleaned_data if form.is_valid() else {}
    return render_list(
        request,
        "surveys/results.html",
        {
            "questionnaire": questionnaire,
            "form": form,
            "rows": queries.results(request.user, questionnaire, filters=filters),
            "minimum": queries.MIN_RESPONDENTS,
        },
    )


def _sessions(user, questionnaire):
    """Classroom sessions a satisfaction response can name (of its module, if it has one)."""
    if questionnaire.kind != QuestionnaireKind.PARTICIPANT_SATISFACTION:
        return None
    sessions = sessions_visible_to(user).select_related("module").order_by("-start_date")
    if questionnaire.module_id:
        sessions = sessions.filter(module_id=questionnaire.module_id)
    return sessions


@login_required
def response_create(request, code):
    permissions.check_can_enter_responses(request.user)
    questionnaire = _questionnaire(code)
    form = ResponseForm(
        request.POST or None,
        questionnaire=questionnaire,
        enterprises=enterprises_surveyable_by(request.user).order_by("name"),
        programmes=programmes_visible_to(request.user),
        sessions=_sessions(request.user, questionnaire),
        initial={"submitted_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_response(
                by=request.user,
                questionnaire=questionnaire,
                enterprise=data["enterprise"],
                programme=data["programme"],
                wave=data["wave"],
                role=data["role"],
                sex=data["sex"],
                tenure_band=data["tenure_band"],
                submitted_on=data["submitted_on"],
                answers=form.answers(),
                session=data.get("session"),
            )
        except ActionError as error:
            if f"q_{error.field}" in form.fields:
                form.add_error(f"q_{error.field}", error.message)
            else:
                add_action_error(form, error)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(
                request,
                _("The response was recorded for %(ent)s. Enter the next questionnaire below.")
                % {"ent": data["enterprise"]},
            )
            return redirect("surveys:response_create", code=questionnaire.code)
    return render(
        request, "surveys/response_form.html", {"questionnaire": questionnaire, "form": form}
    )


@login_required
def csv_import(request, code):
    """Upload a KoboToolbox / ODK CSV: unreadable files are refused on the form, the rows
    are checked and written by a background job whose page shows progress and problems."""
    permissions.check_can_enter_responses(request.user)
    questionnaire = _questionnaire(code)
    form = CsvImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        problems = kobo.file_problems(upload.read())
        upload.seek(0)
        if problems:
            form.add_error("file", [problem.message for problem in problems])
        else:
            job = import_actions.create_survey_csv_job(
                by=request.user, questionnaire=questionnaire, uploaded=upload
            )
            messages.success(
                request,
                _("The file was received; its rows are being checked. This page shows progress."),
            )
            return redirect(job)
    jobs = Job.objects.filter(
        owner=request.user, kind=JobKind.SURVEY_CSV, parameters__questionnaire=questionnaire.code
    )[:10]
    return render(
        request,
        "surveys/import.html",
        {"questionnaire": questionnaire, "form": form, "jobs": jobs},
        status=400 if form.errors else 200,
    )
