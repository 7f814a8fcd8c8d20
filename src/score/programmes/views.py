"""Pages for countries, organisations, programmes and partnerships: list, detail, create,
edit. Each view fetches within the user's scope (404 outside it), checks the right to
write (403 without it), binds a form, calls one action, adds a message and redirects."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from score.accounts.scopes import (
    countries_visible_to,
    logframes_visible_to,
    organisations_visible_to,
    partnerships_visible_to,
    programmes_visible_to,
)
from score.core.exceptions import ActionError
from score.core.forms import add_action_error
from score.core.pages import paginate, query_without_page, render_list
from score.counselling import queries as counselling_queries
from score.programmes import actions, permissions, queries
from score.programmes.forms import (
    CountryFilterForm,
    CountryForm,
    LogframeTargetForm,
    OrganisationFilterForm,
    OrganisationForm,
    PartnershipFilterForm,
    PartnershipForm,
    ProgrammeFilterForm,
    ProgrammeForm,
)
from score.programmes.models import LogframeTarget, Organisation, Partnership, Programme
from score.programmes.permissions import coordinated_countries
from score.training import queries as training_queries


def _country_choices(user):
    """Countries the user may put a programme or organisation in."""
    countries = coordinated_countries(user)
    qs = countries_visible_to(user)
    return qs if countries is None else qs.filter(pk__in=countries)


def _programme_choices(user):
    """Programmes the user may add partnerships to."""
    countries = coordinated_countries(user)
    qs = programmes_visible_to(user).select_related("country")
    return qs if countries is None else qs.filter(country_id__in=countries)


# Countries ----------------------------------------------------------------------------


@login_required
def country_list(request):
    permissions.check_can_manage_countries(request.user)
    form = CountryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(request, queries.country_list(request.user, **filters))
    return render_list(
        request,
        "programmes/country_list.html",
        {"form": form, "page": page, "query": query_without_page(request)},
    )


@login_required
def country_create(request):
    permissions.check_can_manage_countries(request.user)
    form = CountryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            country = actions.create_country(by=request.user, **form.model_fields())
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Country %(name)s was added.") % {"name": country})
            return redirect("programmes:country_list")
    return render(request, "programmes/country_form.html", {"form": form, "country": None})


@login_required
def country_edit(request, pk):
    permissions.check_can_manage_countries(request.user)
    country = get_object_or_404(countries_visible_to(request.user), pk=pk)
    form = CountryForm(request.POST or None, instance=country)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_country(country=country, by=request.user, **form.model_fields())
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Your changes to %(name)s were saved.") % {"name": country})
            return redirect("programmes:country_list")
    return render(request, "programmes/country_form.html", {"form": form, "country": country})


# Organisations ------------------------------------------------------------------------


@login_required
def organisation_list(request):
    form = OrganisationFilterForm(request.GET or None, countries=countries_visible_to(request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(request, queries.organisation_list(request.user, **filters))
    return render_list(
        request,
        "programmes/organisation_list.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "can_create": permissions.can_create_organisation(request.user),
        },
    )


@login_required
def organisation_detail(request, pk):
    try:
        organisation = queries.organisation_detail(request.user, pk)
    except Organisation.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "programmes/organisation_detail.html",
        {
            "organisation": organisation,
            "can_edit": permissions.can_edit_organisation(request.user, organisation),
        },
    )


def _organisation_form(request, instance=None):
    return OrganisationForm(
        request.POST or None,
        instance=instance,
        countries=_country_choices(request.user),
        country_required=coordinated_countries(request.user) is not None,
    )


@login_required
def organisation_create(request):
    permissions.check_can_create_organisation(request.user)
    form = _organisation_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = actions.create_organisation(by=request.user, **form.model_fields())
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(
                request, _("Organisation %(name)s was created.") % {"name": organisation}
            )
            return redirect(organisation)
    return render(
        request, "programmes/organisation_form.html", {"form": form, "organisation": None}
    )


@login_required
def organisation_edit(request, pk):
    organisation = get_object_or_404(organisations_visible_to(request.user), pk=pk)
    permissions.check_can_edit_organisation(request.user, organisation)
    form = _organisation_form(request, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_organisation(
                organisation=organisation, by=request.user, **form.model_fields()
            )
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(
                request, _("Your changes to %(name)s were saved.") % {"name": organisation}
            )
            return redirect(organisation)
    return render(
        request,
        "programmes/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


# Programmes ---------------------------------------------------------------------------


@login_required
def programme_list(request):
    form = ProgrammeFilterForm(request.GET or None, countries=countries_visible_to(request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(request, queries.programme_list(request.user, **filters))
    return render_list(
        request,
        "programmes/programme_list.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "can_create": permissions.can_create_programme(request.user),
        },
    )


@login_required
def programme_detail(request, pk):
    try:
        programme = queries.programme_detail(request.user, pk)
    except Programme.DoesNotExist:
        raise Http404 from None
    can_edit = permissions.can_edit_programme(request.user, programme)
    return render(
        request,
        "programmes/programme_detail.html",
        {
            "programme": programme,
            "counts": queries.programme_counts(request.user, programme),
            "delivery": training_queries.delivery_figures(request.user, programme),
            "visits": counselling_queries.visit_figures(request.user, programme),
            "can_edit": can_edit,
            "can_read_logframe": permissions.can_read_logframe(request.user, programme),
        },
    )


@login_required
def programme_create(request):
    permissions.check_can_create_programme(request.user)
    form = ProgrammeForm(request.POST or None, countries=_country_choices(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            programme = actions.create_programme(
                by=request.user, **form.model_fields(), **form.many_fields()
            )
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(
                request,
                _("Programme %(name)s was created. Add its partnerships from this page.")
                % {"name": programme},
            )
            return redirect(programme)
    return render(request, "programmes/programme_form.html", {"form": form, "programme": None})


@login_required
def programme_edit(request, pk):
    programme = get_object_or_404(programmes_visible_to(request.user), pk=pk)
    permissions.check_can_edit_programme(request.user, programme)
    form = ProgrammeForm(
        request.POST or None, instance=programme, countries=_country_choices(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_programme(
                programme=programme, by=request.user, **form.model_fields(), **form.many_fields()
            )
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(
                request, _("Your changes to %(name)s were saved.") % {"name": programme}
            )
            return redirect(programme)
    return render(request, "programmes/programme_form.html", {"form": form, "programme": programme})


# Partnerships -------------------------------------------------------------------------


@login_required
def partnership_list(request):
    form = PartnershipFilterForm(
        request.GET or None,
        programmes=programmes_visible_to(request.user),
        sponsors=queries.sponsors_visible_to(request.user),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(request, queries.partnership_list(request.user, **filters))
    return render_list(
        request,
        "programmes/partnership_list.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "can_create": permissions.can_create_partnership(request.user),
        },
    )


@login_required
def partnership_detail(request, pk):
    try:
        partnership = queries.partnership_detail(request.user, pk)
    except Partnership.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "programmes/partnership_detail.html",
        {
            "partnership": partnership,
            "coverage": queries.partnership_coverage(request.user, partnership),
            "can_edit": permissions.can_edit_partnership(request.user, partnership),
        },
    )


@login_required
def partnership_create(request):
    permissions.check_can_create_partnership(request.user)
    form = PartnershipForm(
        request.POST or None,
        programmes=_programme_choices(request.user),
        initial={"programme": request.GET.get("programme")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            partnership = actions.create_partnership(by=request.user, **form.model_fields())
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(
                request, _("Partnership %(name)s was created.") % {"name": partnership}
            )
            return redirect(partnership)
    return render(request, "programmes/partnership_form.html", {"form": form, "partnership": None})


@login_required
def partnership_edit(request, pk):
    partnership = get_object_or_404(
        partnerships_visible_to(request.user).select_related("programme"), pk=pk
    )
    permissions.check_can_edit_partnership(request.user, partnership)
    form = PartnershipForm(
        request.POST or None, instance=partnership, programmes=_programme_choices(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_partnership(
                partnership=partnership, by=request.user, **form.model_fields()
            )
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(
                request, _("Your changes to %(name)s were saved.") % {"name": partnership}
            )
            return redirect(partnership)
    return render(
        request,
        "programmes/partnership_form.html",
        {"form": form, "partnership": partnership},
    )


# Logframe targets ---------------------------------------------------------------------


@login_required
def logframe_targets(request, pk):
    """The programme's logframe targets, and a form to set one (a target for the same
    indicator, sex, country and date is changed rather than added twice)."""
    programme = get_object_or_404(
        logframes_visible_to(request.user).select_related("country"), pk=pk
    )
    permissions.check_can_set_logframe_targets(request.user, programme)
    form = LogframeTargetForm(
        request.POST or None, programme=programme, countries=countries_visible_to(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            target = actions.set_logframe_target(
                by=request.user, programme=programme, **form.model_fields()
            )
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(
                request,
                _("The target for %(indicator)s by %(date)s was saved.")
                % {"indicator": target.get_indicator_display(), "date": target.target_date},
            )
            return redirect("programmes:logframe_targets", pk=programme.pk)
    targets = programme.logframe_targets.select_related("country").order_by(
        "indicator", "target_date", "country__name", "sex"
    )
    return render(
        request,
        "programmes/logframe_targets.html",
        {"programme": programme, "form": form, "targets": targets},
    )


@login_required
@require_POST
def logframe_target_delete(request, pk):
    target = get_object_or_404(
        LogframeTarget.objects.filter(
            programme__in=logframes_visible_to(request.user)
        ).select_related("programme"),
        pk=pk,
    )
    programme = target.programme
    try:
        actions.delete_logframe_target(by=request.user, target=target)
    except ActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The target for %(indicator)s by %(date)s was removed.")
            % {"indicator": target.get_indicator_display(), "date": target.target_date},
        )
    return redirect("programmes:logframe_targets", pk=programme.pk)
