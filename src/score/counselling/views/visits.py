"""Visits: the list with its overdue warnings, a visit, planning, recording, editing,
cancelling, photos, and the trainer's week."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from score.accounts.scopes import programmes_visible_to, visits_visible_to
from score.core.exceptions import ActionError
from score.core.forms import add_action_error
from score.core.pages import paginate, query_without_page, render_list
from score.counselling import actions, permissions, queries
from score.counselling.forms import (
    CancelVisitForm,
    DoneVisitEditForm,
    PlannedVisitEditForm,
    VisitFilterForm,
    VisitPhotoForm,
    VisitPlanForm,
    VisitRecordForm,
)
from score.counselling.models import FOLLOW_UP_KINDS, Visit, VisitKind, VisitPhoto, VisitStatus
from score.counselling.views.common import next_param, next_url, render_form, serve_photo
from score.training import permissions as training_permissions
from score.training.models import EnrolmentStatus

WARNINGS_SHOWN = 10


def _get_visit(request, pk) -> Visit:
    try:
        return queries.visit_detail(request.user, pk)
    except Visit.DoesNotExist:
        raise Http404 from None


def _trainers(user):
    """Trainer choices for users who pick the trainer; None for trainers (it is them)."""
    return queries.trainer_choices(user) if permissions.chooses_trainer(user) else None


@login_required
def visit_list(request):
    permissions.check_can_view_visits(request.user)
    today = timezone.localdate()
    form = VisitFilterForm(
        request.GET or None,
        programmes=programmes_visible_to(request.user),
        trainers=queries.trainers_of_visits(request.user),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(request, queries.visit_list(request.user, today=today, **filters))
    overdue = queries.overdue_visits(request.user, today=today)
    behind = queries.enrolments_behind(request.user, today=today)
    return render_list(
        request,
        "counselling/visit_list.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "overdue": overdue[:WARNINGS_SHOWN],
            "overdue_count": overdue.count,
            "behind": behind[:WARNINGS_SHOWN],
            "behind_count": behind.count,
            "due_days": queries.due_days(),
        },
    )


@login_required
def visit_detail(request, pk):
    visit = _get_visit(request, pk)
    done, standard = queries.follow_up_progress(visit.enrolment)
    return render(
        request,
        "counselling/visit_detail.html",
        {
            "visit": visit,
            "can_change": permissions.can_change_visit(request.user, visit),
            "follow_ups_done": done,
            "follow_ups_standard": standard,
        },
    )


def _initial_enrolment(request, enrolments):
    pk = request.POST.get("enrolment") or request.GET.get("enrolment")
    if not (pk and str(pk).isdigit()):
        return None
    return enrolments.filter(pk=pk).first()


@login_required
def visit_plan(request):
    permissions.check_can_view_visits(request.user)
    enrolments = queries.enrolment_choices(request.user)
    enrolment = _initial_enrolment(request, enrolments)
    form = VisitPlanForm(
        request.POST or None,
        enrolments=enrolments,
        trainers=_trainers(request.user),
        initial={
            "enrolment": enrolment,
            "trainer": enrolment.trainer if enrolment else None,
            "kind": _likely_kind(enrolment),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            visit = actions.plan_visit(
                by=request.user,
                enrolment=data["enrolment"],
                kind=data["kind"],
                planned_on=data["planned_on"],
                trainer=data.get("trainer") or request.user,
            )
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(
                request,
                _("The visit to %(enterprise)s is planned for %(date)s.")
                % {"enterprise": visit.enrolment.enterprise, "date": visit.planned_on},
            )
            return redirect(next_url(request, visit.get_absolute_url()))
    return render_form(
        request,
        form,
        title=_("Plan a visit"),
        back=next_url(request, reverse("counselling:visit_list")),
        submit=_("Plan the visit"),
    )


def _likely_kind(enrolment) -> str:
    if enrolment is None or enrolment.status == EnrolmentStatus.REGISTERED:
        return VisitKind.BASELINE
    return VisitKind.FOLLOW_UP


def _offers_completion(user, enrolment) -> bool:
    """Offer to mark the follow-up visits done when this visit would be the last standard
    one, to those who may move the enrolment on (not trainers, DESIGN.md "Roles")."""
    if enrolment is None or enrolment.status != EnrolmentStatus.CLASSROOM_DONE:
        return False
    if not training_permissions.can_change_enrolment(user, enrolment):
        return False
    done, standard = queries.follow_up_progress(enrolment)
    return done + 1 >= standard


def _recorded_message(visit: Visit, status_before: str, completed: bool) -> str:
    enrolment = visit.enrolment
    text = _("The visit to %(enterprise)s on %(date)s was recorded.") % {
        "enterprise": enrolment.enterprise,
        "date": visit.done_on,
    }
    if status_before != enrolment.status:
        text += " " + _("%(module)s is now %(status)s for this enterprise.") % {
            "module": enrolment.module,
            "status": enrolment.get_status_display().lower(),
        }
    if visit.kind in FOLLOW_UP_KINDS and not completed:
        done, standard = queries.follow_up_progress(enrolment)
        text += " " + _("%(done)s of %(standard)s follow-up visits are done.") % {
            "done": done,
            "standard": standard,
        }
    return text


def _record(request, form, *, visit=None):
    """Call record_visit with the form's data; returns the visit, or None on refusal."""
    data = form.cleaned_data
    enrolment = visit.enrolment if visit else data["enrolment"]
    status_before = enrolment.status
    completed = data.get("complete_follow_ups", False)
    try:
        recorded = actions.record_visit(
            by=request.user,
            visit=visit,
            enrolment=None if visit else enrolment,
            trainer=data.get("trainer") or (visit and visit.trainer) or request.user,
            kind=data["kind"],
            done_on=data["done_on"],
            hours=data["hours"],
            eit_took_part=data["eit_took_part"],
            findings=data["findings"],
            next_steps=data["next_steps"],
            complete_follow_ups=completed,
        )
    except (ActionError, ValidationError) as error:
        add_action_error(form, error)
        return None
    messages.success(request, _recorded_message(recorded, status_before, completed))
    return recorded


@login_required
def visit_record_new(request):
    permissions.check_can_view_visits(request.user)
    enrolments = queries.enrolment_choices(request.user)
    enrolment = _initial_enrolment(request, enrolments)
    form = VisitRecordForm(
        request.POST or None,
        enrolments=enrolments,
        trainers=_trainers(request.user),
        offer_completion=_offers_completion(request.user, enrolment),
        initial={"enrolment": enrolment, "kind": _likely_kind(enrolment)},
    )
    if request.method == "POST" and form.is_valid():
        visit = _record(request, form)
        if visit is not None:
            return redirect(next_url(request, visit.get_absolute_url()))
    return render(
        request,
        "counselling/visit_record.html",
        {
            "form": form,
            "visit": None,
            "next": next_param(request),
            "back": next_url(request, reverse("counselling:visit_list")),
        },
    )


@login_required
def visit_record(request, pk):
    visit = _get_visit(request, pk)
    permissions.check_can_change_visit(request.user, visit)
    if visit.status != VisitStatus.PLANNED:
        messages.info(
            request,
            _("This visit is already %(status)s.") % {"status": visit.get_status_display().lower()},
        )
        return redirect(visit)
    form = VisitRecordForm(
        request.POST or None,
        instance=visit,
        trainers=_trainers(request.user),
        offer_completion=visit.kind in FOLLOW_UP_KINDS
        and _offers_completion(request.user, visit.enrolment),
    )
    if request.method == "POST" and form.is_valid():
        recorded = _record(request, form, visit=visit)
        if recorded is not None:
            return redirect(next_url(request, recorded.get_absolute_url()))
    return render(
        request,
        "counselling/visit_record.html",
        {
            "form": form,
            "visit": visit,
            "next": next_param(request),
            "back": next_url(request, visit.get_absolute_url()),
        },
    )


@login_required
def visit_edit(request, pk):
    visit = _get_visit(request, pk)
    permissions.check_can_change_visit(request.user, visit)
    if visit.status == VisitStatus.CANCELLED:
        messages.error(request, _("This visit was cancelled, so it cannot be changed."))
        return redirect(visit)
    form_class = PlannedVisitEditForm if visit.status == VisitStatus.PLANNED else DoneVisitEditForm
    form = form_class(request.POST or None, instance=visit, trainers=_trainers(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_visit(by=request.user, visit=visit, **form.model_fields())
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Your changes to the visit were saved."))
            return redirect(visit)
    return render_form(
        request, form, title=_("Edit the visit"), subject=visit, back=visit.get_absolute_url()
    )


@login_required
def visit_cancel(request, pk):
    visit = _get_visit(request, pk)
    permissions.check_can_change_visit(request.user, visit)
    form = CancelVisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.cancel_visit(by=request.user, visit=visit, reason=form.cleaned_data["reason"])
        except ActionError as error:
            add_action_error(form, error)
        else:
            messages.success(
                request,
                _("The visit to %(enterprise)s was cancelled. Plan another one when you can.")
                % {"enterprise": visit.enrolment.enterprise},
            )
            return redirect(visit)
    return render_form(
        request,
        form,
        title=_("Cancel the visit"),
        subject=visit,
        back=visit.get_absolute_url(),
        submit=_("Cancel the visit"),
        cancel_label=_("Keep it"),
    )


@login_required
def visit_photo_add(request, pk):
    visit = _get_visit(request, pk)
    permissions.check_can_change_visit(request.user, visit)
    form = VisitPhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_visit_photo(by=request.user, visit=visit, **form.cleaned_data)
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The photo was added to the visit."))
            return redirect(visit)
    return render_form(
        request,
        form,
        title=_("Add a photo"),
        subject=visit,
        back=visit.get_absolute_url(),
        multipart=True,
        submit=_("Upload"),
    )


@login_required
def visit_photo(request, pk):
    photo = get_object_or_404(
        VisitPhoto.objects.filter(visit__in=visits_visible_to(request.user)), pk=pk
    )
    return serve_photo(photo)


@login_required
def my_week(request):
    permissions.check_can_view_visits(request.user)
    week = queries.my_week(request.user, today=timezone.localdate())
    return render(request, "counselling/my_week.html", {"week": week})
