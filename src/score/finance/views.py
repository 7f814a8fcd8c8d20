"""Pages for prices, fees, invoices, provider revenue, partnership budgets and cost
recovery. Each view fetches within the user's scope (404 outside it), checks the right to
write (403 without it), binds a form, calls one action, adds a message and redirects."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from score.accounts.scopes import (
    countries_visible_to,
    invoices_visible_to,
    modules_visible_to,
    organisations_visible_to,
    partnerships_visible_to,
    programmes_visible_to,
)
from score.core.exceptions import ActionError
from score.core.forms import add_action_error
from score.core.pages import paginate, query_without_page, render_list
from score.finance import actions, permissions, queries
from score.finance.forms import (
    CostRecoveryFilterForm,
    FeeFilterForm,
    FeeForm,
    InvoiceFilterForm,
    InvoiceForm,
    IssueInvoiceForm,
    ModulePriceForm,
    PaymentForm,
    PriceFilterForm,
    RevenueFilterForm,
)
from score.finance.models import Invoice, InvoiceStatus, PayerKind
from score.programmes.queries import providers_visible_to
from score.training.models import Enrolment


@login_required
def index(request):
    user = request.user
    return render(
        request,
        "finance/index.html",
        {
            "can_use_finance": permissions.can_use_finance(user),
            "sees_budgets": partnerships_visible_to(user).exists(),
        },
    )


# Prices -----------------------------------------------------------------------------------


@login_required
def price_list(request):
    permissions.check_can_use_finance(request.user)
    providers, modules = providers_visible_to(request.user), modules_visible_to(request.user)
    form = PriceFilterForm(request.GET or None, providers=providers, modules=modules)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(request, queries.price_list(request.user, **filters))
    return render_list(
        request,
        "finance/price_list.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "can_create": queries.price_providers(request.user).exists(),
        },
    )


@login_required
def price_create(request):
    permissions.check_can_use_finance(request.user)
    providers = queries.price_providers(request.user)
    if not providers.exists():
        raise Http404
    form = ModulePriceForm(
        request.POST or None,
        providers=providers,
        modules=modules_visible_to(request.user).filter(is_active=True),
        initial={"valid_from": timezone.localdate(), "currency": "USD"},
    )
    if request.method == "POST" and form.is_valid():
        permissions.check_can_manage_prices(request.user, form.cleaned_data["provider"])
        try:
            price = actions.set_module_price(by=request.user, **form.model_fields())
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(
                request,
                _("The price of %(module)s at %(provider)s from %(date)s was saved.")
                % {"module": price.module, "provider": price.provider, "date": price.valid_from},
            )
            return redirect("finance:price_list")
    return render(request, "finance/price_form.html", {"form": form})


# Fees -------------------------------------------------------------------------------------


@login_required
def fee_list(request):
    permissions.check_can_use_finance(request.user)
    form = FeeFilterForm(
        request.GET or None,
        programmes=programmes_visible_to(request.user),
        providers=providers_visible_to(request.user),
        modules=modules_visible_to(request.user),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(request, queries.fee_list(request.user, **filters))
    return render_list(
        request,
        "finance/fee_list.html",
        {"form": form, "page": page, "query": query_without_page(request)},
    )


def _fee_page(request, enrolment_pk):
    try:
        enrolment, fee, shares = queries.fee_detail(request.user, enrolment_pk)
    except Enrolment.DoesNotExist:
        raise Http404 from None
    provider = fee.provider if fee else queries.provider_of(enrolment)
    return enrolment, fee, shares, provider


@login_required
def fee_detail(request, enrolment_pk):
    enrolment, fee, shares, provider = _fee_page(request, enrolment_pk)
    return render(
        request,
        "finance/fee_detail.html",
        {
            "enrolment": enrolment,
            "fee": fee,
            "shares": shares,
            "provider": provider,
            "suggested": None if fee else queries.suggested_fee(enrolment),
            "can_edit": permissions.can_set_fee(request.user, enrolment, provider),
        },
    )


def _fee_initial(enrolment, fee, shares):
    if fee is not None:
        initial = {
            "amount": fee.amount,
            "currency": fee.currency,
            "agreed_on": fee.agreed_on,
            "notes": fee.notes,
        }
        for share in shares:
            initial[f"{share.payer_kind}_share"] = share.amount
            if share.payer_kind in (PayerKind.PROGRAMME, PayerKind.OTHER):
                initial[f"{share.payer_kind}_payer"] = share.organisation_id
        return initial
    suggested = queries.suggested_fee(enrolment)
    initial = {"currency": suggested.currency, "agreed_on": enrolment.registered_on}
    if suggested.amount is not None:
        initial["amount"] = suggested.amount
        initial.update({f"{kind}_share": value for kind, value in suggested.shares.items()})
    return initial


@login_required
def fee_edit(request, enrolment_pk):
    enrolment, fee, shares, provider = _fee_page(request, enrolment_pk)
    permissions.check_can_set_fee(request.user, enrolment, provider)
    form = FeeForm(
        request.POST or None,
        initial=_fee_initial(enrolment, fee, shares),
        organisations=organisations_visible_to(request.user).order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            fee = actions.set_enrolment_fee(
                by=request.user, enrolment=enrolment, **form.action_fields()
            )
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(
                request, _("The fee of %(enrolment)s was saved.") % {"enrolment": enrolment}
            )
            _warn_budget(request, fee.partnership)
            return redirect("finance:fee_detail", enrolment.pk)
    return render(
        request,
        "finance/fee_form.html",
        {"form": form, "enrolment": enrolment, "fee": fee, "provider": provider},
    )


def _warn_budget(request, partnership):
    if partnership is None or partnership.budget is None:
        return
    budget = queries.budget_figures([partnership])[partnership.pk]
    if budget.state == "near":
        messages.warning(
            request,
            _(
                "%(partnership)s has now committed %(percent)s %% of its budget "
                "(%(cur)s %(committed)s of %(cur)s %(budget)s). Agree further sponsored "
                "fees with the sponsor before you record them."
            )
            % {
                "partnership": partnership,
                "percent": budget.committed_percent,
                "cur": budget.currency,
                "committed": f"{budget.committed:,.2f}",
                "budget": f"{budget.budget:,.2f}",
            },
        )


# Invoices ---------------------------------------------------------------------------------


@login_required
def invoice_list(request):
    permissions.check_can_list_invoices(request.user)
    form = InvoiceFilterForm(request.GET or None, providers=providers_visible_to(request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(request, queries.invoice_list(request.user, **filters))
    return render_list(
        request,
        "finance/invoice_list.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "can_create": permissions.can_create_invoice(request.user),
        },
    )


@login_required
def invoice_create(request):
    permissions.check_can_create_invoice(request.user)
    shares = queries.shares_to_invoice(request.user)
    initial = {}
    if request.method == "GET" and request.GET.get("share"):
        initial["shares"] = [s for s in request.GET.getlist("share") if s.isdigit()]
    form = InvoiceForm(request.POST or None, shares=shares, initial=initial)
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["shares"])
        # The action refuses shares of more than one provider; check the right to bill
        # for the provider of the first.
        probe = Invoice(provider=chosen[0].fee.provider)
        permissions.check_can_manage_invoice(request.user, probe)
        try:
            invoice = actions.create_invoice(
                by=request.user,
                shares=chosen,
                number=form.cleaned_data["number"],
                notes=form.cleaned_data["notes"],
            )
        except (ActionError, ValidationError) as error:
            add_action_error(form, error)
        else:
            messages.success(
                request,
                _("Draft invoice %(number)s was created. Check it, then issue it.")
                % {"number": invoice.number},
            )
            return redirect(invoice)
    return render(request, "finance/invoice_form.html", {"form": form})


def _invoice(request, pk):
    try:
        return queries.invoice_detail(request.user, pk)
    except Invoice.DoesNotExist:
        raise Http404 from None


@login_required
def invoice_detail(request, pk, issue_form=None, payment_form=None):
    invoice, lines, payments = _invoice(request, pk)
    can_manage = permissions.can_manage_invoice(request.user, invoice)
    today = timezone.localdate()
    return render(
        request,
        "finance/invoice_detail.html",
        {
            "invoice": invoice,
            "lines": lines,
            "payments": payments,
            "totals": queries.invoice_totals(invoice),
            "can_manage": can_manage,
            "issue_form": issue_form or IssueInvoiceForm(initial={"issued_on": today}),
            "payment_form": payment_form or PaymentForm(initial={"paid_on": today}),
            "is_draft": invoice.status == InvoiceStatus.DRAFT,
            "is_issued": invoice.status == InvoiceStatus.ISSUED,
        },
        status=400 if (issue_form or payment_form) else 200,
    )


def _managed_invoice(request, pk) -> Invoice:
    invoice = get_object_or_404(invoices_visible_to(request.user).select_related("provider"), pk=pk)
    permissions.check_can_manage_invoice(request.user, invoice)
    return invoice


@login_required
@require_POST
def invoice_issue(request, pk):
    invoice = _managed_invoice(request, pk)
    form = IssueInvoiceForm(request.POST)
    if form.is_valid():
        try:
            actions.issue_invoice(by=request.user, invoice=invoice, **form.cleaned_data)
        except ActionError as error:
            add_action_error(form, error)
        else:
            messages.success(
                request,
                _("Invoice %(number)s was issued. Record payments here as they arrive.")
                % {"number": invoice.number},
            )
            return redirect(invoice)
    return invoice_detail(request, pk, issue_form=form)


@login_required
@require_POST
def invoice_cancel(request, pk):
    invoice = _managed_invoice(request, pk)
    try:
        actions.cancel_invoice(by=request.user, invoice=invoice)
    except ActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Invoice %(number)s was cancelled. Its fee shares can be billed again.")
            % {"number": invoice.number},
        )
    return redirect(invoice)


@login_required
@require_POST
def invoice_payment(request, pk):
    invoice = _managed_invoice(request, pk)
    form = PaymentForm(request.POST)
    if form.is_valid():
        try:
            actions.record_payment(by=request.user, invoice=invoice, **form.cleaned_data)
        except ActionError as error:
            add_action_error(form, error)
        else:
            messages.success(
                request,
                _("The payment of %(cur)s %(amount)s was recorded.")
                % {"cur": invoice.currency, "amount": f"{form.cleaned_data['amount']:,.2f}"},
            )
            return redirect(invoice)
    return invoice_detail(request, pk, payment_form=form)


# Revenue, budgets, cost recovery ----------------------------------------------------------


@login_required
def revenue(request):
    permissions.check_can_use_finance(request.user)
    form = RevenueFilterForm(request.GET or None, providers=providers_visible_to(request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    rows = queries.provider_revenue(request.user, **filters)
    return render_list(request, "finance/revenue.html", {"form": form, "rows": rows})


@login_required
def budget_list(request):
    budgets = queries.budgets_visible_to(request.user)
    if not budgets:
        permissions.check_can_use_finance(request.user)
    return render(request, "finance/budget_list.html", {"budgets": budgets})


@login_required
def budget_detail(request, pk):
    partnership = get_object_or_404(
        partnerships_visible_to(request.user).select_related("sponsor", "programme"), pk=pk
    )
    budget = queries.budget_figures([partnership])[partnership.pk]
    return render(request, "finance/budget_detail.html", {"budget": budget})


@login_required
def cost_recovery(request):
    permissions.check_can_use_finance(request.user)
    form = CostRecoveryFilterForm(request.GET or None, countries=countries_visible_to(request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    figures = queries.cost_recovery_for(
        request.user,
        country=filters.get("country"),
        start=filters.get("start"),
        until=filters.get("end"),
    )
    return render_list(
        request,
        "finance/cost_recovery.html",
        {
            "form": form,
            "rows": [figures[queries.MODULE_1], figures[queries.MODULES_2_5], figures["total"]],
            "definition": queries.COST_RECOVERY_DEFINITION,
        },
    )
