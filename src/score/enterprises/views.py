from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from score.accounts.scopes import (
    countries_visible_to,
    enterprises_visible_to,
    partnerships_visible_to,
    people_visible_to,
    programmes_visible_to,
)
from score.core.exceptions import ActionError
from score.core.forms import add_action_error
from score.core.pages import paginate, query_without_page, render_list
from score.enterprises import actions, permissions, queries
from score.enterprises.forms import (
    EnterpriseFilterForm,
    EnterpriseForm,
    ParticipationForm,
    PersonForm,
)
from score.enterprises.models import Enterprise, Participation
from score.programmes.permissions import coordinated_countries


@login_required
def enterprise_list(request):
    form = EnterpriseFilterForm(
        request.GET or None,
        programmes=programmes_visible_to(request.user),
        countries=countries_visible_to(request.user),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(request, queries.enterprise_list(request.user, **filters))
    return render_list(
        request,
        "enterprises/enterprise_list.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "can_create": permissions.can_create_enterprise(request.user),
        },
    )


@login_required
def enterprise_detail(request, pk):
    try:
        enterprise = queries.enterprise_detail(request.user, pk)
    except Enterprise.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "enterprises/enterprise_detail.html",
        {
            "enterprise": enterprise,
            "can_edit": permissions.can_edit_enterprise(request.user, enterprise),
            "can_edit_people": permissions.can_edit_people(request.user, enterprise),
            "can_enrol": permissions.can_create_enterprise(request.user),
            "shows_delivery": permissions.can_follow_delivery(request.user, enterprise),
        },
    )


def _country_choices(user):
    countries = coordinated_countries(user)
    qs = countries_visible_to(user)
    return qs if countries is None else qs.filter(pk__in=countries)


@login_required
def enterprise_create(request):
    permissions.check_can_create_enterprise(request.user)
    form = EnterpriseForm(request.POST or None, countries=_country_choices(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            enterprise = actions.create_enterprise(
                by=request.user,
                lead_buyers=form.cleaned_data["lead_buyers"],
                **form.model_fields(),
            )
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Enterprise %(name)s was created.") % {"name": enterprise})
            return redirect(enterprise)
    return render(request, "enterprises/enterprise_form.html", {"form": form, "enterprise": None})


@login_required
def enterprise_edit(request, pk):
    enterprise = get_object_or_404(enterprises_visible_to(request.user), pk=pk)
    permissions.check_can_edit_enterprise(request.user, enterprise)
    form = EnterpriseForm(
        request.POST or None, instance=enterprise, countries=_country_choices(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_enterprise(
                enterprise=enterprise,
                by=request.user,
                lead_buyers=form.cleaned_data["lead_buyers"],
                **form.model_fields(),
            )
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(
                request, _("Your changes to %(name)s were saved.") % {"name": enterprise}
            )
            return redirect(enterprise)
    return render(
        request, "enterprises/enterprise_form.html", {"form": form, "enterprise": enterprise}
    )


@login_required
def person_create(request, pk):
    enterprise = get_object_or_404(enterprises_visible_to(request.user), pk=pk)
    permissions.check_can_edit_people(request.user, enterprise)
    form = PersonForm(request.POST or None, enterprise=enterprise)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_person(by=request.user, enterprise=enterprise, **form.model_fields())
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The person was added to %(name)s.") % {"name": enterprise})
            return redirect(enterprise)
    return render(
        request,
        "enterprises/person_form.html",
        {"form": form, "enterprise": enterprise, "person": None},
    )


@login_required
def person_edit(request, pk, person_pk):
    person = get_object_or_404(
        people_visible_to(request.user).select_related("enterprise"),
        pk=person_pk,
        enterprise_id=pk,
    )
    permissions.check_can_edit_people(request.user, person.enterprise)
    form = PersonForm(request.POST or None, instance=person, enterprise=person.enterprise)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_person(person=person, by=request.user, **form.model_fields())
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(
                request, _("Your changes to %(person)s were saved.") % {"person": person}
            )
            return redirect(person.enterprise)
    return render(
        request,
        "enterprises/person_form.html",
        {"form": form, "enterprise": person.enterprise, "person": person},
    )


def _participation_form(request, enterprise, instance=None):
    programmes = programmes_visible_to(request.user)
    countries = coordinated_countries(request.user)
    if countries is not None:
        programmes = programmes.filter(country_id__in=countries)
    return ParticipationForm(
        request.POST or None,
        instance=instance,
        enterprise=enterprise,
        programmes=programmes,
        partnerships=partnerships_visible_to(request.user).select_related("programme"),
        trainers=queries.trainer_users(),
    )


@login_required
def participation_create(request, pk):
    enterprise = get_object_or_404(enterprises_visible_to(request.user), pk=pk)
    permissions.check_can_create_enterprise(request.user)
    form = _participation_form(request, enterprise)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            permissions.check_can_manage_participation(request.user, data["programme"])
            actions.enrol_in_programme(
                by=request.user,
                enterprise=enterprise,
                programme=data["programme"],
                provider=data["provider"],
                partnership=data["partnership"],
                trainers=data["trainers"],
                joined_on=data["joined_on"],
                is_comparison=data["is_comparison"],
                status=data["status"],
            )
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s now takes part in %(programme)s.")
                % {"name": enterprise, "programme": data["programme"]},
            )
            return redirect(enterprise)
    return render(
        request,
        "enterprises/participation_form.html",
        {"form": form, "enterprise": enterprise, "participation": None},
    )


@login_required
def participation_edit(request, pk, participation_pk):
    enterprise = get_object_or_404(enterprises_visible_to(request.user), pk=pk)
    participation = get_object_or_404(
        Participation.objects.filter(
            programme__in=programmes_visible_to(request.user)
        ).select_related("programme"),
        pk=participation_pk,
        enterprise=enterprise,
    )
    permissions.check_can_manage_participation(request.user, participation.programme)
    form = _participation_form(request, enterprise, instance=participation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.update_participation(
                participation=participation,
                by=request.user,
                trainers=data["trainers"],
                provider=data["provider"],
                partnership=data["partnership"],
                status=data["status"],
                joined_on=data["joined_on"],
                is_comparison=data["is_comparison"],
            )
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The participation was updated."))
            return redirect(enterprise)
    return render(
        request,
        "enterprises/participation_form.html",
        {"form": form, "enterprise": enterprise, "participation": participation},
    )
