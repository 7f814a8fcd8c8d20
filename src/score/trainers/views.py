"""Pages of the trainer network: trainers (list, detail, create, edit, certify, promote,
renew, review), trainer courses (list, create, detail, participants, outcomes) and the
pipeline. Each view fetches within the user's scope (404 outside it), checks the right to
write (403 without it), binds a form, calls one action, adds a message and redirects."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from score.accounts.scopes import (
    countries_visible_to,
    modules_visible_to,
    organisations_visible_to,
    scope_of,
    sessions_visible_to,
    trainer_courses_visible_to,
    trainers_visible_to,
    visits_visible_to,
)
from score.core.exceptions import ActionError
from score.core.forms import add_action_error
from score.core.pages import paginate, query_without_page, render_list
from score.trainers import actions, permissions, queries
from score.trainers.forms import (
    CertifyForm,
    CourseForm,
    OutcomeForm,
    ParticipantForm,
    PipelineFilterForm,
    PromoteForm,
    QualityReviewForm,
    RenewForm,
    TrainerFilterForm,
    TrainerForm,
)
from score.trainers.models import (
    RUBRIC,
    Course,
    CourseKind,
    CourseParticipant,
    Level,
    Trainer,
    TrainerModuleStatus,
)
from score.training.models import Module


def _filter_modules(user):
    return modules_visible_to(user).order_by("order", "code")


# Trainers -------------------------------------------------------------------------------


@login_required
def trainer_list(request):
    user = request.user
    if scope_of(user).is_empty:
        raise Http404
    form = TrainerFilterForm(
        request.GET or None, modules=_filter_modules(user), countries=countries_visible_to(user)
    )
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(request, queries.trainer_list(user, **filters))
    return render_list(
        request,
        "trainers/trainer_list.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "can_create": permissions.can_create_trainer(user),
            "can_create_course": permissions.can_create_course(user),
            "can_view_pipeline": permissions.can_view_pipeline(user),
        },
    )


@login_required
def trainer_detail(request, pk):
    try:
        trainer = queries.trainer_detail(request.user, pk)
    except Trainer.DoesNotExist:
        raise Http404 from None
    can_certify = permissions.can_certify(request.user, trainer)
    return render(
        request,
        "trainers/trainer_detail.html",
        {
            "trainer": trainer,
            "activity": queries.trainer_activity(trainer),
            "satisfaction": queries.trainer_satisfaction(request.user, trainer),
            "averages": queries.review_averages(trainer),
            "rubric": RUBRIC,
            "can_edit": permissions.can_edit_trainer(request.user, trainer),
            "can_certify": can_certify,
            "can_review": permissions.can_review(request.user, trainer),
            "Level": Level,
        },
    )


def _trainer_form(request, instance=None):
    scope = scope_of(request.user)
    return TrainerForm(
        request.POST or None,
        instance=instance,
        countries=queries.trainer_countries(request.user),
        organisations=queries.trainer_providers(request.user),
        users=queries.linkable_trainer_users(request.user, instance),
        organisation_required=not scope.is_admin and not scope.coordinator_countries,
    )


@login_required
def trainer_create(request):
    permissions.check_can_create_trainer(request.user)
    form = _trainer_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            trainer = actions.create_trainer(by=request.user, **form.model_fields())
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(
                request,
                _("Trainer %(name)s was added. Add them to a ToT workshop to start their training.")
                % {"name": trainer},
            )
            return redirect(trainer)
    return render(request, "trainers/trainer_form.html", {"form": form, "trainer": None})


@login_required
def trainer_edit(request, pk):
    trainer = get_object_or_404(trainers_visible_to(request.user), pk=pk)
    permissions.check_can_edit_trainer(request.user, trainer)
    form = _trainer_form(request, instance=trainer)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_trainer(trainer=trainer, by=request.user, **form.model_fields())
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Your changes to %(name)s were saved.") % {"name": trainer})
            return redirect(trainer)
    return render(request, "trainers/trainer_form.html", {"form": form, "trainer": trainer})


def _status_or_404(request, pk, module_pk):
    trainer = get_object_or_404(trainers_visible_to(request.user), pk=pk)
    status = get_object_or_404(
        TrainerModuleStatus.objects.select_related("module"), trainer=trainer, module_id=module_pk
    )
    permissions.check_can_certify(request.user, trainer)
    return trainer, status


def _status_step(request, pk, module_pk, *, form_class, action, title, done, form_kwargs=None):
    trainer, status = _status_or_404(request, pk, module_pk)
    form = form_class(request.POST or None, **(form_kwargs or {}))
    if request.method == "POST" and form.is_valid():
        try:
            action(by=request.user, trainer=trainer, module=status.module, **form.cleaned_data)
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(request, done % {"name": trainer, "module": status.module})
            return redirect(trainer)
    return render(
        request,
        "trainers/status_form.html",
        {"form": form, "trainer": trainer, "status": status, "title": title},
    )


@login_required
def certify(request, pk, module_pk):
    return _status_step(
        request,
        pk,
        module_pk,
        form_class=CertifyForm,
        form_kwargs={"organisations": organisations_visible_to(request.user).order_by("name")},
        action=actions.certify_trainer,
        title=_("Certify"),
        done=_("%(name)s is now certified in %(module)s."),
    )


@login_required
def promote(request, pk, module_pk):
    return _status_step(
        request,
        pk,
        module_pk,
        form_class=PromoteForm,
        action=actions.promote_to_expert,
        title=_("Promote to expert"),
        done=_("%(name)s is now an expert trainer in %(module)s and may supervise ToE cycles."),
    )


@login_required
def renew(request, pk, module_pk):
    return _status_step(
        request,
        pk,
        module_pk,
        form_class=RenewForm,
        action=actions.renew_certification,
        title=_("Renew certificate"),
        done=_("The certificate of %(name)s in %(module)s was renewed."),
    )


@login_required
def review_create(request, pk):
    trainer = get_object_or_404(trainers_visible_to(request.user), pk=pk)
    permissions.check_can_review(request.user, trainer)
    user_id = trainer.user_id or 0
    form = QualityReviewForm(
        request.POST or None,
        sessions=sessions_visible_to(request.user).filter(trainers=user_id).order_by("-start_date"),
        visits=visits_visible_to(request.user)
        .filter(trainer_id=user_id)
        .select_related("enrolment__enterprise", "enrolment__module")
        .order_by("-done_on", "-planned_on"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.create_quality_review(by=request.user, trainer=trainer, **form.model_fields())
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(
                request, _("Your quality review of %(name)s was saved.") % {"name": trainer}
            )
            return redirect(trainer)
    return render(request, "trainers/review_form.html", {"form": form, "trainer": trainer})


# Courses --------------------------------------------------------------------------------


@login_required
def course_list(request):
    user = request.user
    if scope_of(user).is_empty:
        raise Http404
    kind = request.GET.get("kind", "")
    kind = kind if kind in CourseKind.values else ""
    page = paginate(request, queries.course_list(user, kind=kind))
    return render_list(
        request,
        "trainers/course_list.html",
        {
            "page": page,
            "query": query_without_page(request),
            "kind": kind,
            "kinds": CourseKind.choices,
            "can_create": permissions.can_create_course(user),
        },
    )


def _course_form(request, kind):
    return CourseForm(request.POST or None, kind=kind, **queries.course_choices(request.user))


@login_required
def course_create(request, kind):
    if kind not in CourseKind.values:
        raise Http404
    permissions.check_can_create_course(request.user)
    form = _course_form(request, kind)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            course = actions.create_course(
                by=request.user,
                kind=kind,
                enrolments=data.get("enrolments") or (),
                sessions=data.get("sessions") or (),
                **{k: v for k, v in form.model_fields().items()},
            )
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(
                request,
                _("%(course)s was created. Add its participants next.") % {"course": course},
            )
            return redirect(course)
    return render(
        request,
        "trainers/course_form.html",
        {"form": form, "kind_label": CourseKind(kind).label},
    )


def _course_page(request, course, participant_form=None, status=200):
    course = queries.course_detail(request.user, course.pk)
    can_manage = permissions.can_manage_course(request.user, course)
    if participant_form is None and can_manage:
        participant_form = ParticipantForm(
            trainers=trainers_visible_to(request.user)
            .exclude(course_places__course=course)
            .order_by("full_name")
        )
    # Trainers of other organisations may sit in the same course: link only those the user
    # may open (one query).
    openable = set(
        trainers_visible_to(request.user)
        .filter(Q(course_places__course=course) | Q(supervised_courses=course))
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "trainers/course_detail.html",
        {
            "course": course,
            "openable": openable,
            "can_manage": can_manage,
            "participant_form": participant_form,
            "is_toe": course.kind == CourseKind.TOE,
        },
        status=status,
    )


@login_required
def course_detail(request, pk):
    try:
        course = queries.course_detail(request.user, pk)
    except Course.DoesNotExist:
        raise Http404 from None
    return _course_page(request, course)


@login_required
def participant_add(request, pk):
    course = get_object_or_404(trainer_courses_visible_to(request.user), pk=pk)
    permissions.check_can_manage_course(request.user, course)
    form = ParticipantForm(
        request.POST or None, trainers=trainers_visible_to(request.user).order_by("full_name")
    )
    if request.method == "POST" and form.is_valid():
        try:
            participant = actions.add_course_participant(
                by=request.user, course=course, trainer=form.cleaned_data["trainer"]
            )
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s takes part in %(course)s. Record their outcome when it is known.")
                % {"name": participant.trainer, "course": course},
            )
            return redirect(course)
    if request.method != "POST":
        return redirect(course)
    return _course_page(request, course, participant_form=form)


@login_required
def outcome_edit(request, pk, participant_pk):
    course = get_object_or_404(trainer_courses_visible_to(request.user), pk=pk)
    participant = get_object_or_404(
        CourseParticipant.objects.select_related("trainer"), course=course, pk=participant_pk
    )
    permissions.check_can_manage_course(request.user, course)
    initial = {
        "outcome": participant.outcome,
        "outcome_on": participant.outcome_on or course.end_date,
        "recommended": participant.recommended,
        "notes": participant.notes,
    }
    form = OutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_course_outcome(
                by=request.user, participant=participant, **form.cleaned_data
            )
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(
                request,
                _("The outcome for %(name)s was saved.") % {"name": participant.trainer},
            )
            return redirect(course)
    return render(
        request,
        "trainers/outcome_form.html",
        {
            "form": form,
            "course": course,
            "participant": participant,
            "is_toe": course.kind == CourseKind.TOE,
        },
    )


# Pipeline -------------------------------------------------------------------------------


@login_required
def pipeline(request):
    user = request.user
    if not permissions.can_view_pipeline(user):
        raise Http404
    form = PipelineFilterForm(
        request.GET or None,
        modules=Module.objects.filter(pk__in=_filter_modules(user)).order_by("order", "code"),
        countries=countries_visible_to(user),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    return render(
        request,
        "trainers/pipeline.html",
        {
            "form": form,
            "pipeline": queries.pipeline(user, **filters),
            "months": settings.SCORE_TRAINER_ACTIVE_MONTHS,
        },
    )
