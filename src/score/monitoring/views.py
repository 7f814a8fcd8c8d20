from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from score.accounts.scopes import (
    indicators_visible_to,
    measurements_visible_to,
    modules_visible_to,
    programmes_visible_to,
    scope_of,
)
from score.core.exceptions import ActionError
from score.core.forms import add_action_error
from score.core.pages import paginate, query_without_page, render_list
from score.monitoring import actions, permissions, quality, queries
from score.monitoring.forms import (
    ExchangeRateForm,
    IndicatorForm,
    MeasurementForm,
    QualityFilterForm,
    VisitEntryForm,
)
from score.monitoring.models import ExchangeRate, PracticeItem
from score.training.models import Module


def _enterprise(request, pk):
    """The enterprise if its monitoring data is for this user (404 otherwise)."""
    return get_object_or_404(queries.monitoring_enterprises(request.user), pk=pk)


@login_required
def index(request):
    permissions.check_can_use_monitoring(request.user)
    enterprises = (
        queries.monitoring_enterprises(request.user)
        .select_related("country")
        .annotate(n_measurements=Count("measurements", distinct=True))
        .order_by("name", "code")
    )
    page = paginate(request, enterprises)
    return render_list(
        request,
        "monitoring/index.html",
        {"page": page, "query": query_without_page(request)},
    )


@login_required
def indicator_list(request):
    permissions.check_can_use_monitoring(request.user)
    return render(
        request,
        "monitoring/indicator_list.html",
        {
            "indicators": queries.catalogue(request.user),
            "can_create": permissions.can_create_indicator(request.user),
        },
    )


@login_required
def indicator_detail(request, code):
    indicator = get_object_or_404(
        indicators_visible_to(request.user).select_related("programme"), code=code
    )
    return render(request, "monitoring/indicator_detail.html", {"indicator": indicator})


@login_required
def indicator_create(request):
    permissions.check_can_create_indicator(request.user)
    scope = scope_of(request.user)
    programmes = programmes_visible_to(request.user)
    if not scope.is_admin:
        programmes = programmes.filter(country_id__in=scope.coordinator_countries)
    form = IndicatorForm(
        request.POST or None, programmes=programmes, programme_required=not scope.is_admin
    )
    if request.method == "POST" and form.is_valid():
        try:
            indicator = actions.create_indicator(
                by=request.user, name_translations=form.translations(), **form.model_fields()
            )
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Indicator %(code)s was added.") % {"code": indicator.code})
            return redirect(indicator)
    return render(request, "monitoring/indicator_form.html", {"form": form})


@login_required
def enterprise_measurements(request, pk):
    enterprise = _enterprise(request, pk)
    measurements = measurements_visible_to(request.user).filter(enterprise=enterprise)
    flags = quality.flags_for(measurements)
    columns, rows = queries.measurement_table(request.user, enterprise, flags)
    return render(
        request,
        "monitoring/enterprise_measurements.html",
        {"enterprise": enterprise, "columns": columns, "rows": rows, "flags": flags},
    )


@login_required
def measurement_create(request, pk):
    enterprise = _enterprise(request, pk)
    permissions.check_can_record_measurements(request.user, enterprise)
    form = MeasurementForm(request.POST or None, indicators=indicators_visible_to(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_measurement(by=request.user, enterprise=enterprise, **form.cleaned_data)
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(
                request,
                _("The value of %(ind)s for %(ent)s was saved.")
                % {"ind": form.cleaned_data["indicator"], "ent": enterprise},
            )
            return redirect("monitoring:enterprise_measurements", pk=enterprise.pk)
    return render(
        request, "monitoring/measurement_form.html", {"form": form, "enterprise": enterprise}
    )


@login_required
@require_POST
def measurement_delete(request, pk):
    measurement = get_object_or_404(
        measurements_visible_to(request.user).select_related("enterprise", "indicator"), pk=pk
    )
    permissions.check_can_record_measurements(request.user, measurement.enterprise)
    actions.delete_measurement(by=request.user, measurement=measurement)
    messages.success(
        request,
        _("The value of %(ind)s was deleted.") % {"ind": measurement.indicator.code},
    )
    return redirect("monitoring:enterprise_measurements", pk=measurement.enterprise_id)


def _module(request):
    code = request.GET.get("module") or "WC"
    return (
        modules_visible_to(request.user).filter(code=code).first()
        or Module.objects.filter(code="WC").first()
    )


@login_required
def record(request, pk):
    """A trainer's visit form on a phone: KPIs and practice answers, all or nothing."""
    enterprise = _enterprise(request, pk)
    permissions.check_can_record_measurements(request.user, enterprise)
    module = _module(request)
    indicators = queries.usual_indicators(enterprise)
    items = list(PracticeItem.objects.filter(module=module)) if module else []
    form = VisitEntryForm(
        request.POST or None,
        indicators=indicators,
        items=items,
        previous=queries.previous_values(enterprise, indicators),
        previous_answers=queries.previous_practice_answers(enterprise, items),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = actions.record_visit_entries(
                by=request.user,
                enterprise=enterprise,
                wave=data["wave"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                source=data["source"],
                values=form.values(),
                practices=form.practices(),
            )
        except ValidationError as error:
            form.add_entry_errors(error)
        except ActionError as error:
            add_action_error(form, error)
        else:
            messages.success(
                request,
                _("%(n)s entries for %(ent)s were saved.") % {"n": len(saved), "ent": enterprise},
            )
            return redirect("monitoring:enterprise_measurements", pk=enterprise.pk)
    return render(
        request,
        "monitoring/record.html",
        {
            "form": form,
            "enterprise": enterprise,
            "module": module,
            "modules": modules_visible_to(request.user)
            .filter(practice_items__isnull=False)
            .distinct(),
        },
    )


@login_required
def enterprise_practices(request, pk):
    enterprise = _enterprise(request, pk)
    return render(
        request,
        "monitoring/practices.html",
        {"enterprise": enterprise, "rows": queries.practice_table(enterprise)},
    )


@login_required
def quality_list(request):
    permissions.check_can_use_monitoring(request.user)
    programmes = programmes_visible_to(request.user)
    form = QualityFilterForm(request.GET or None, programmes=programmes)
    programme = form.cleaned_data.get("programme") if form.is_valid() else None
    measurements = measurements_visible_to(request.user)
    if programme is not None:
        measurements = measurements.filter(enterprise__participations__programme=programme)
    return render_list(
        request,
        "monitoring/quality.html",
        {
            "form": form,
            "flags": quality.flags_for(measurements),
            "programme": programme,
            "enterprise": None,
            "action": reverse("monitoring:quality"),
        },
    )


@login_required
def enterprise_quality(request, pk):
    enterprise = _enterprise(request, pk)
    measurements = measurements_visible_to(request.user).filter(enterprise=enterprise)
    return render(
        request,
        "monitoring/quality.html",
        {
            "form": None,
            "flags": quality.flags_for(measurements),
            "programme": None,
            "enterprise": enterprise,
        },
    )


@login_required
def exchange_rates(request):
    """The dated rates that convert money amounts to US dollars; coordinators add them."""
    permissions.check_can_use_monitoring(request.user)
    can_record = permissions.can_record_exchange_rates(request.user)
    form = ExchangeRateForm(request.POST or None) if can_record else None
    if request.method == "POST":
        permissions.check_can_record_exchange_rates(request.user)
        if form.is_valid():
            try:
                rate = actions.record_exchange_rate(by=request.user, **form.model_fields())
            except (ActionError, ValidationError) as error:
                add_action_error(form, error)
            else:
                messages.success(
                    request,
                    _("From %(date)s, one US dollar is %(rate)s %(currency)s.")
                    % {
                        "date": rate.valid_from.isoformat(),
                        "rate": rate.units_per_usd.normalize(),
                        "currency": rate.currency,
                    },
                )
                return redirect("monitoring:exchange_rates")
    currency = request.GET.get("currency", "").strip().upper()[:3]
    rates = ExchangeRate.objects.order_by("currency", "-valid_from")
    if currency:
        rates = rates.filter(currency=currency)
    return render(
        request,
        "monitoring/exchange_rates.html",
        {
            "page": paginate(request, rates),
            "query": query_without_page(request),
            "currency": currency,
            "form": form,
        },
    )
