"""Improvement projects of an enterprise: the list, a project with its action items and
photos, and one page or button per status transition."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from score.accounts.scopes import enterprises_workable_by, projects_visible_to
from score.core.exceptions import ActionError
from score.core.forms import add_action_error
from score.counselling import actions, permissions, queries
from score.counselling.forms import (
    ProjectActionForm,
    ProjectCompleteForm,
    ProjectDropForm,
    ProjectForm,
    ProjectPhotoForm,
)
from score.counselling.models import ImprovementProject, ProjectAction, ProjectPhoto
from score.counselling.views.common import render_form, serve_photo


def _get_enterprise(request, pk):
    return get_object_or_404(enterprises_workable_by(request.user).select_related("country"), pk=pk)


def _get_project(request, pk, *, change: bool = True) -> ImprovementProject:
    try:
        project = queries.project_detail(request.user, pk)
    except ImprovementProject.DoesNotExist:
        raise Http404 from None
    if change:
        permissions.check_can_work_on_enterprise(request.user, project.enterprise)
    return project


@login_required
def project_list(request, pk):
    enterprise = _get_enterprise(request, pk)
    return render(
        request,
        "counselling/project_list.html",
        {
            "enterprise": enterprise,
            "projects": queries.project_list(request.user, enterprise),
            "totals": queries.project_totals(request.user, enterprise),
            "can_edit": permissions.can_work_on_enterprise(request.user, enterprise),
        },
    )


@login_required
def project_create(request, pk):
    enterprise = _get_enterprise(request, pk)
    permissions.check_can_work_on_enterprise(request.user, enterprise)
    form = ProjectForm(request.POST or None, enterprise=enterprise)
    if request.method == "POST" and form.is_valid():
        try:
            project = actions.create_project(
                by=request.user, enterprise=enterprise, **form.model_fields()
            )
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(
                request,
                _("The project “%(title)s” was added. List its actions next.") % {"title": project},
            )
            return redirect(project)
    return render_form(
        request,
        form,
        title=_("New improvement project"),
        subject=enterprise,
        back=_list_url(enterprise.pk),
    )


def _list_url(enterprise_pk) -> str:
    return reverse("counselling:project_list", args=[enterprise_pk])


@login_required
def project_detail(request, pk):
    project = _get_project(request, pk, change=False)
    return render(
        request,
        "counselling/project_detail.html",
        {
            "project": project,
            "can_edit": permissions.can_work_on_enterprise(request.user, project.enterprise),
            "action_form": ProjectActionForm(project=project),
        },
    )


@login_required
def project_edit(request, pk):
    project = _get_project(request, pk)
    form = ProjectForm(request.POST or None, instance=project, enterprise=project.enterprise)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_project(by=request.user, project=project, **form.model_fields())
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Your changes to the project were saved."))
            return redirect(project)
    return render_form(
        request, form, title=_("Edit the project"), subject=project, back=project.get_absolute_url()
    )


@login_required
@require_POST
def project_start(request, pk):
    project = _get_project(request, pk)
    try:
        actions.start_project(by=request.user, project=project)
    except ActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The project is now in progress."))
    return redirect(project)


@login_required
def project_complete(request, pk):
    project = _get_project(request, pk)
    form = ProjectCompleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.complete_project(
                by=request.user,
                project=project,
                on=form.cleaned_data["finished_on"],
                actual_savings=form.cleaned_data["actual_savings"],
            )
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The project is done. Well done to the team."))
            return redirect(project)
    return render_form(
        request,
        form,
        title=_("Mark the project done"),
        subject=project,
        back=project.get_absolute_url(),
        submit=_("Mark done"),
    )


@login_required
def project_drop(request, pk):
    project = _get_project(request, pk)
    form = ProjectDropForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.drop_project(
                by=request.user, project=project, reason=form.cleaned_data["reason"]
            )
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The project was dropped; the reason is kept."))
            return redirect(project)
    return render_form(
        request,
        form,
        title=_("Drop the project"),
        subject=project,
        back=project.get_absolute_url(),
        submit=_("Drop the project"),
    )


@login_required
def project_action_add(request, pk):
    project = _get_project(request, pk)
    form = ProjectActionForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_project_action(by=request.user, project=project, **form.model_fields())
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The action was added to the project."))
            return redirect(project)
    return render_form(
        request, form, title=_("Add an action"), subject=project, back=project.get_absolute_url()
    )


@login_required
@require_POST
def project_action_done(request, pk, item_pk):
    project = _get_project(request, pk)
    item = get_object_or_404(ProjectAction, pk=item_pk, project=project)
    done = request.POST.get("done") == "1"
    actions.set_project_action_done(by=request.user, item=item, done=done)
    if done:
        messages.success(request, _("“%(item)s” is done.") % {"item": item})
    else:
        messages.success(request, _("“%(item)s” is open again.") % {"item": item})
    return redirect(project)


@login_required
def project_photo_add(request, pk):
    project = _get_project(request, pk)
    form = ProjectPhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_project_photo(by=request.user, project=project, **form.cleaned_data)
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The photo was added to the project."))
            return redirect(project)
    return render_form(
        request,
        form,
        title=_("Add a photo"),
        subject=project,
        back=project.get_absolute_url(),
        multipart=True,
        submit=_("Upload"),
    )


@login_required
def project_photo(request, pk):
    photo = get_object_or_404(
        ProjectPhoto.objects.filter(project__in=projects_visible_to(request.user)), pk=pk
    )
    return serve_photo(photo)
