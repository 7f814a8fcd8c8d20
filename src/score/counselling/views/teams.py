"""The Enterprise Improvement Team page of an enterprise: members, balance, meetings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from score.accounts.scopes import enterprises_workable_by, programmes_visible_to
from score.core.exceptions import ActionError
from score.core.forms import add_action_error
from score.counselling import actions, permissions, queries
from score.counselling.forms import (
    TeamForm,
    TeamMeetingForm,
    TeamMemberEditForm,
    TeamMemberForm,
)
from score.counselling.models import ImprovementTeam, TeamMember
from score.counselling.views.common import render_form


def _get_enterprise(request, pk):
    return get_object_or_404(enterprises_workable_by(request.user), pk=pk)


def _get_team(request, pk) -> ImprovementTeam:
    try:
        team = queries.team_detail(request.user, pk)
    except ImprovementTeam.DoesNotExist:
        raise Http404 from None
    permissions.check_can_work_on_enterprise(request.user, team.enterprise)
    return team


def _team_programmes(user, enterprise):
    """The enterprise's programmes the user may see. Those that already have a team stay
    choosable, so that the action says so (and the page links to the team) rather than the
    form answering "Select a valid choice"."""
    return (
        programmes_visible_to(user).filter(participations__enterprise=enterprise).order_by("code")
    )


@login_required
def team_page(request, pk):
    enterprise = _get_enterprise(request, pk)
    return render(
        request,
        "counselling/team_page.html",
        {
            "enterprise": enterprise,
            "teams": queries.team_page(request.user, enterprise),
            "can_edit": permissions.can_work_on_enterprise(request.user, enterprise),
        },
    )


@login_required
def team_create(request, pk):
    enterprise = _get_enterprise(request, pk)
    permissions.check_can_work_on_enterprise(request.user, enterprise)
    form = TeamForm(
        request.POST or None,
        enterprise=enterprise,
        programmes=_team_programmes(request.user, enterprise),
    )
    existing = None
    if request.method == "POST" and form.is_valid():
        try:
            actions.form_team(by=request.user, enterprise=enterprise, **form.model_fields())
        except (ActionError, ValidationError) as error:
            existing = queries.existing_team(
                request.user, enterprise, form.cleaned_data.get("programme")
            )
            add_action_error(form, error)  # takes the programme out of cleaned_data
        else:
            messages.success(
                request,
                _("The improvement team of %(enterprise)s was formed. Add its members next.")
                % {"enterprise": enterprise},
            )
            return redirect("counselling:team_page", enterprise.pk)
    return render_form(
        request,
        form,
        title=_("Form the improvement team"),
        subject=enterprise,
        back=enterprise.get_absolute_url(),
        links=[(existing.get_absolute_url(), _("Open the existing team"))] if existing else (),
    )


@login_required
def member_add(request, pk):
    team = _get_team(request, pk)
    form = TeamMemberForm(request.POST or None, team=team)
    if request.method == "POST" and form.is_valid():
        try:
            member = actions.add_team_member(by=request.user, team=team, **form.model_fields())
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("%(person)s joined the team.") % {"person": member})
            return redirect(team)
    return render_form(
        request,
        form,
        title=_("Add a team member"),
        subject=team,
        back=team.get_absolute_url(),
        help_text=_(
            "SCORE asks for managers and workers in equal number. Only people recorded at "
            "the enterprise can join; add them on the enterprise page first."
        ),
    )


@login_required
def member_edit(request, pk, member_pk):
    team = _get_team(request, pk)
    member = get_object_or_404(TeamMember.objects.select_related("person"), pk=member_pk, team=team)
    form = TeamMemberEditForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_team_member(by=request.user, member=member, **form.model_fields())
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(
                request, _("Your changes to %(person)s were saved.") % {"person": member}
            )
            return redirect(team)
    return render_form(
        request,
        form,
        title=_("Edit a team member"),
        subject=member,
        back=team.get_absolute_url(),
        help_text=_("Enter the date someone left the team; they stay in its history."),
    )


@login_required
def meeting_add(request, pk):
    team = _get_team(request, pk)
    form = TeamMeetingForm(request.POST or None, team=team)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_team_meeting(
                by=request.user,
                team=team,
                held_on=data["held_on"],
                decisions=data["decisions"],
                attendees=data["attendees"],
            )
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The meeting was recorded."))
            return redirect(team)
    return render_form(
        request, form, title=_("Record a team meeting"), subject=team, back=team.get_absolute_url()
    )
