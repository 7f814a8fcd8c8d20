"""Pages for the module catalogue, enrolments and classroom sessions.

Each view: fetch within the user's scope (404 otherwise), check the permission to change
(403), bind a form, call one action, say what happened, redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from score.accounts.scopes import (
    enrolments_visible_to,
    enterprises_visible_to,
    modules_visible_to,
    programmes_visible_to,
    scope_of,
)
from score.core.exceptions import ActionError
from score.core.forms import add_action_error
from score.core.pages import paginate, query_without_page, render_list
from score.counselling import permissions as counselling_permissions
from score.counselling import queries as counselling_queries
from score.enterprises.models import Enterprise
from score.enterprises.queries import trainer_users
from score.finance import permissions as finance_permissions
from score.programmes.queries import providers_visible_to
from score.training import actions, permissions, queries
from score.training.forms import (
    AttendanceForm,
    DropForm,
    EnrolForm,
    ModuleFilterForm,
    ModuleForm,
    NewParticipantForm,
    ParticipantPickForm,
    SessionFilterForm,
    SessionForm,
    StepForm,
    provider_choices,
)
from score.training.models import ClassroomSession, Enrolment, EnrolmentStatus, Module
from score.training.pdf import render_pdf


def _error_text(error: Exception) -> str:
    if isinstance(error, ActionError):
        return error.message
    return " ".join(error.messages)


def _form_errors_text(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def _posted(request):
    """The submitted data of a POST (even an empty one), None for a GET."""
    return request.POST if request.method == "POST" else None


def _back(request, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# Modules


@login_required
def module_list(request):
    form = ModuleFilterForm(request.GET or None, programmes=programmes_visible_to(request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(request, queries.module_list(request.user, **filters))
    return render_list(
        request,
        "training/module_list.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "can_add": permissions.can_add_module(request.user),
        },
    )


@login_required
def module_detail(request, pk):
    try:
        module = queries.module_detail(request.user, pk)
    except Module.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "training/module_detail.html",
        {"module": module, "counts": queries.enrolment_counts(request.user, module)},
    )


@login_required
def module_create(request):
    permissions.check_can_add_module(request.user)
    form = ModuleForm(
        _posted(request),
        programmes=permissions.programmes_for_modules(request.user),
        initial={"programme": request.GET.get("programme")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            permissions.check_can_add_module(request.user, data["programme"])
            module = actions.create_module(
                by=request.user,
                programme=data["programme"],
                code=data["code"],
                name=data["name"],
                name_translations=form.translations(),
                description=data["description"],
                order=data["order"],
                classroom_days=data["classroom_days"],
                followup_visits=data["followup_visits"],
                prerequisites=data["prerequisites"],
            )
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(
                request,
                _("%(module)s was added; only %(programme)s offers it.")
                % {"module": module, "programme": module.programme.code},
            )
            return redirect(module)
    return render(request, "training/module_form.html", {"form": form})


# Enrolments


def _enrol_form(request, enterprise, data=None):
    programmes = programmes_visible_to(request.user).filter(
        pk__in=permissions.participations_enrollable_by(request.user)
        .filter(enterprise=enterprise)
        .values("programme_id")
    )
    return EnrolForm(
        data,
        programmes=programmes,
        modules=modules_visible_to(request.user).filter(is_active=True),
        trainers=trainer_users(),
    )


def enrolment_section(request, enterprise) -> dict:
    """Context for ``training/enrolment_table.html``: the enterprise's enrolments the user
    may see, each with the steps offered, and which of them the user may move on. Other
    pages (the enterprise page) include the template with this context."""
    enrolments = list(queries.enterprise_enrolments(request.user, enterprise))
    for enrolment in enrolments:
        enrolment.offered_steps = _steps_for(enrolment)
    changeable = set(
        permissions.enrolments_changeable_by(request.user)
        .filter(enterprise=enterprise)
        .values_list("pk", flat=True)
    )
    return {
        "enrolments": enrolments,
        "changeable": changeable,
        "next": request.get_full_path(),
    }


def _enterprise_page(request, enterprise, enrol_form=None):
    can_enrol = permissions.can_enrol(request.user, enterprise)
    if enrol_form is None and can_enrol:
        enrol_form = _enrol_form(request, enterprise)
    return render(
        request,
        "training/enterprise_enrolments.html",
        {
            **enrolment_section(request, enterprise),
            "next": reverse("training:enterprise_enrolments", args=[enterprise.pk]),
            "enterprise": enterprise,
            "can_enrol": can_enrol,
            "enrol_form": enrol_form,
        },
    )


@login_required
def enterprise_enrolments(request, pk):
    enterprise = get_object_or_404(enterprises_visible_to(request.user), pk=pk)
    return _enterprise_page(request, enterprise)


@login_required
def enrolment_create(request, pk):
    enterprise = get_object_or_404(enterprises_visible_to(request.user), pk=pk)
    permissions.check_can_enrol(request.user, enterprise)
    form = _enrol_form(request, enterprise, _posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            enrolment = actions.enrol_enterprise(
                by=request.user,
                enterprise=enterprise,
                programme=data["programme"],
                module=data["module"],
                trainer=data["trainer"],
                registered_on=data["registered_on"],
            )
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(
                request,
                _("%(ent)s is enrolled in %(module)s. Record its baseline visit next.")
                % {"ent": enterprise, "module": enrolment.module},
            )
            return redirect("training:enterprise_enrolments", pk=enterprise.pk)
    return _enterprise_page(request, enterprise, enrol_form=form)


@login_required
def enrolment_detail(request, pk):
    try:
        enrolment = queries.enrolment_detail(request.user, pk)
    except Enrolment.DoesNotExist:
        raise Http404 from None
    can_change = permissions.can_change_enrolment(request.user, enrolment)
    return render(
        request,
        "training/enrolment_detail.html",
        {
            "enrolment": enrolment,
            **counselling_queries.enrolment_visits(
                request.user, enrolment, today=timezone.localdate()
            ),
            "can_change": can_change,
            "can_add_visit": enrolment.is_open
            and counselling_permissions.can_add_visit(request.user, enrolment),
            "steps": _steps_for(enrolment) if can_change else [],
            "drop_form": DropForm() if can_change and enrolment.is_open else None,
            "can_see_fee": finance_permissions.can_use_finance(request.user),
        },
    )


# One action per transition; the step names are the last part of the URL.
STEPS = {
    "baseline": (actions.record_baseline, EnrolmentStatus.BASELINE_DONE),
    "classroom": (actions.complete_classroom, EnrolmentStatus.CLASSROOM_DONE),
    "visits": (actions.complete_visits, EnrolmentStatus.VISITS_DONE),
    "complete": (actions.complete_enrolment, EnrolmentStatus.COMPLETED),
}

STEP_LABELS = {
    "baseline": gettext_lazy("Record the baseline visit"),
    "classroom": gettext_lazy("Record the classroom training as done"),
    "visits": gettext_lazy("Record the follow-up visits as done"),
    "complete": gettext_lazy("Mark the module completed"),
}

# Which steps a page offers from each status. The Workplace Cooperation classroom is
# offered before the baseline too, so that the rule's message explains what to do.
OFFERED = {
    EnrolmentStatus.REGISTERED: ["baseline", "classroom"],
    EnrolmentStatus.BASELINE_DONE: ["classroom"],
    EnrolmentStatus.CLASSROOM_DONE: ["visits"],
    EnrolmentStatus.VISITS_DONE: ["complete"],
}


def _steps_for(enrolment) -> list[tuple[str, str]]:
    return [(step, STEP_LABELS[step]) for step in OFFERED.get(enrolment.status, [])]


@login_required
@require_POST
def enrolment_step(request, pk, step):
    enrolment = get_object_or_404(
        enrolments_visible_to(request.user).select_related("enterprise", "module", "programme"),
        pk=pk,
    )
    if step != "drop" and step not in STEPS:
        raise Http404
    permissions.check_can_change_enrolment(request.user, enrolment)
    back = _back(request, enrolment.get_absolute_url())
    form = (DropForm if step == "drop" else StepForm)(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors_text(form))
        return redirect(back)
    try:
        if step == "drop":
            actions.drop_enrolment(
                by=request.user,
                enrolment=enrolment,
                reason=form.cleaned_data["reason"],
                on=form.cleaned_data["on"],
            )
        else:
            STEPS[step][0](by=request.user, enrolment=enrolment, on=form.cleaned_data["on"])
    except (ActionError, ValidationError) as error:
        messages.error(request, _error_text(error))
    else:
        text = _("%(enrolment)s is now %(status)s.") % {
            "enrolment": enrolment,
            "status": enrolment.get_status_display().lower(),
        }
        if step == "visits":
            text += " " + _follow_ups_text(
                actions.follow_ups_done(enrolment), enrolment.module.followup_visits
            )
        messages.success(request, text)
    return redirect(back)


def _follow_ups_text(done: int, standard: int) -> str:
    return ngettext(
        "%(done)s of %(standard)s follow-up visit took place.",
        "%(done)s of %(standard)s follow-up visits took place.",
        standard,
    ) % {"done": done, "standard": standard}


@login_required
def certificate(request, pk):
    try:
        enrolment = queries.completed_enrolment(request.user, pk)
    except Enrolment.DoesNotExist:
        raise Http404 from None
    pdf = render_pdf("training/certificate.html", {"enrolment": enrolment}, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"certificate-{enrolment.enterprise.code}-{enrolment.module.code}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# Classroom sessions


def _session_filter_form(request):
    user = request.user
    return SessionFilterForm(
        request.GET or None,
        programmes=programmes_visible_to(user),
        modules=modules_visible_to(user),
        providers=providers_visible_to(user),
    )


@login_required
def session_list(request):
    form = _session_filter_form(request)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(request, queries.session_list(request.user, **filters))
    return render_list(
        request,
        "training/session_list.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "can_create": permissions.can_create_session(request.user),
        },
    )


def _session_form(request, instance=None):
    user = request.user
    scope = scope_of(user)
    programmes = programmes_visible_to(user)
    providers = provider_choices()
    if not scope.is_admin:
        if scope.coordinator_countries and not scope.provider_orgs:
            programmes = programmes.filter(country_id__in=scope.coordinator_countries)
        elif not scope.coordinator_countries:
            providers = providers.filter(pk__in=scope.provider_orgs)
    form = SessionForm(
        _posted(request),
        instance=instance,
        programmes=programmes,
        modules=modules_visible_to(user).filter(is_active=True),
        providers=providers,
        trainers=trainer_users(),
        enrolments=queries.open_enrolments(user, session=instance),
    )
    if not scope.is_admin and not scope.coordinator_countries:
        form.fields["provider"].required = True
    return form


@login_required
def session_create(request):
    permissions.check_can_create_session(request.user)
    form = _session_form(request)
    if request.method == "POST" and form.is_valid():
        data = form.session_fields()
        try:
            if not permissions.can_plan_session(
                request.user, programme=data["programme"], provider=data["provider"]
            ):
                raise ActionError(
                    _(
                        "You may plan classes of your country's programmes, or classes your "
                        "organisation delivers. Choose your organisation as the provider."
                    ),
                    field="provider",
                )
            session = actions.create_session(by=request.user, **data)
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(
                request,
                _("The class %(title)s was planned. Add its participants next.")
                % {"title": session.title},
            )
            return redirect(session)
    return render(request, "training/session_form.html", {"form": form, "session": None})


def _visible_session(request, pk) -> ClassroomSession:
    try:
        return queries.session_detail(request.user, pk)
    except ClassroomSession.DoesNotExist:
        raise Http404 from None


@login_required
def session_edit(request, pk):
    session = _visible_session(request, pk)
    permissions.check_can_edit_session(request.user, session)
    form = _session_form(request, instance=session)
    if request.method == "POST" and form.is_valid():
        data = form.session_fields()
        try:
            if not permissions.can_plan_session(
                request.user, programme=data["programme"], provider=data["provider"]
            ):
                raise ActionError(
                    _("Keep your organisation as the provider of the class."), field="provider"
                )
            actions.update_session(session=session, by=request.user, **data)
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Your changes to the class were saved."))
            return redirect(session)
    return render(request, "training/session_form.html", {"form": form, "session": session})


def _session_context(request, session):
    everyone = permissions.can_take_attendance(request.user, session)
    page = queries.session_page(request.user, session, everyone=everyone)
    changeable = set(
        permissions.enrolments_changeable_by(request.user)
        .filter(sessions=session)
        .values_list("pk", flat=True)
    )
    return {
        "session": session,
        "page": page,
        "can_edit": permissions.can_edit_session(request.user, session),
        "can_take_attendance": everyone,
        "changeable": changeable,
        "show_messages": False,
    }


@login_required
def session_detail(request, pk):
    session = _visible_session(request, pk)
    return render(request, "training/session_detail.html", _session_context(request, session))


@login_required
@require_POST
def attendance(request, pk):
    session = _visible_session(request, pk)
    permissions.check_can_take_attendance(request.user, session)
    form = AttendanceForm(
        request.POST,
        participant_ids=session.participants.values_list("pk", flat=True),
        day_ids=session.days.values_list("pk", flat=True),
    )
    if not form.is_valid():
        messages.error(request, _form_errors_text(form))
    else:
        try:
            count = actions.record_attendance(
                by=request.user, session=session, present=form.pairs()
            )
        except ActionError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "Attendance saved: %(n)s tick for present.",
                    "Attendance saved: %(n)s ticks for present.",
                    count,
                )
                % {"n": count},
            )
    if request.htmx:
        context = {**_session_context(request, session), "show_messages": True}
        return render(request, "training/session_detail.html#attendance", context)
    return redirect(session)


def _participant_forms(request, session, pick_data=None, new_data=None):
    enterprises = Enterprise.objects.filter(enrolments__sessions=session).order_by("name")
    return (
        ParticipantPickForm(pick_data, people=queries.candidate_people(session), prefix="pick"),
        NewParticipantForm(new_data, enterprises=enterprises, prefix="new"),
    )


def _participants_page(request, session, pick_form, new_form):
    return render(
        request,
        "training/participant_form.html",
        {
            "session": session,
            "pick_form": pick_form,
            "new_form": new_form,
            "has_candidates": pick_form.fields["people"].queryset.exists(),
        },
    )


@login_required
def participant_add(request, pk):
    session = _visible_session(request, pk)
    permissions.check_can_take_attendance(request.user, session)
    pick_form, new_form = _participant_forms(request, session, pick_data=_posted(request))
    if request.method == "POST" and pick_form.is_valid():
        try:
            added = actions.add_participants(
                by=request.user, session=session, people=pick_form.cleaned_data["people"]
            )
        except ActionError as error:
            add_action_error(pick_form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(n)s person was added to the class.",
                    "%(n)s people were added to the class.",
                    added,
                )
                % {"n": added},
            )
            return redirect(session)
    return _participants_page(request, session, pick_form, new_form)


@login_required
def participant_new(request, pk):
    session = _visible_session(request, pk)
    permissions.check_can_take_attendance(request.user, session)
    pick_form, new_form = _participant_forms(request, session, new_data=_posted(request))
    if request.method == "POST" and new_form.is_valid():
        data = new_form.model_fields()
        try:
            actions.add_new_participant(
                by=request.user,
                session=session,
                enterprise=data.pop("enterprise"),
                **data,
            )
        except (ActionError, ValidationError) as error:
            add_action_error(new_form, error)
        else:
            messages.success(request, _("The new person was recorded and added to the class."))
            return redirect(session)
    return _participants_page(request, session, pick_form, new_form)


@login_required
@require_POST
def participant_remove(request, pk, participant_pk):
    session = _visible_session(request, pk)
    permissions.check_can_take_attendance(request.user, session)
    participant = get_object_or_404(
        session.participants.select_related("person"), pk=participant_pk
    )
    actions.remove_participant(by=request.user, participant=participant)
    messages.success(
        request,
        _("%(person)s was taken out of the class.") % {"person": participant.person},
    )
    return redirect(session)


@login_required
@require_POST
def session_classroom_done(request, pk, enrolment_pk):
    session = _visible_session(request, pk)
    enrolment = get_object_or_404(
        enrolments_visible_to(request.user).select_related("enterprise", "module", "programme"),
        pk=enrolment_pk,
        sessions=session,
    )
    permissions.check_can_change_enrolment(request.user, enrolment)
    try:
        actions.complete_session_classroom(by=request.user, session=session, enrolment=enrolment)
    except (ActionError, ValidationError) as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _(
                "%(ent)s finished the classroom training of %(module)s. Plan its follow-up "
                "visits next."
            )
            % {"ent": enrolment.enterprise, "module": enrolment.module},
        )
    return redirect(session)
