from django.contrib import admin

from score.finance.models import Fee, FeeShare, Invoice, InvoiceLine, ModulePrice, Payment


class ReadOnlyAdmin(admin.ModelAdmin):
    """Writes go through the actions (score.finance.actions); the admin only reads."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ModulePrice)
class ModulePriceAdmin(ReadOnlyAdmin):
    list_display = ["provider", "module", "amount", "currency", "valid_from"]
    list_filter = ["currency", "module"]
    list_select_related = ["provider", "module"]
    search_fields = ["provider__name"]


class FeeShareInline(admin.TabularInline):
    model = FeeShare
    extra = 0
    fields = ["payer_kind", "organisation", "amount"]
    readonly_fields = fields


@admin.register(Fee)
class FeeAdmin(ReadOnlyAdmin):
    list_display = ["enrolment", "provider", "partnership", "amount", "currency", "agreed_on"]
    list_filter = ["currency"]
    list_select_related = ["enrolment__enterprise", "enrolment__module", "provider", "partnership"]
    raw_id_fields = ["enrolment"]
    inlines = [FeeShareInline]


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0
    fields = ["share", "amount"]
    readonly_fields = fields


class PaymentInline(admin.TabularInline):
    model = Payment
    extra = 0
    fields = ["amount", "paid_on", "reference"]
    readonly_fields = fields


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = ["number", "provider", "payer_kind", "currency", "status", "issued_on"]
    list_filter = ["status", "payer_kind", "currency"]
    list_select_related = ["provider"]
    search_fields = ["number"]
    inlines = [InvoiceLineInline, PaymentInline]
