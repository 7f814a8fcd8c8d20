"""Forms for countries, organisations, programmes and partnerships: they validate, the
actions in ``score.programmes.actions`` save."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from score.core.forms import ValidatingModelForm
from score.programmes.models import (
    SPONSOR_KINDS,
    Country,
    LogframeTarget,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
    Partnership,
    Programme,
    ProgrammeStatus,
)

# <input type="date"> only accepts ISO dates, whatever the language's own date format.
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MULTIPLE_HELP = _("Hold Ctrl (or Cmd) to choose more than one.")
UNKNOWN_CURRENCY = _(
    "%(value)s is not a currency this platform knows. Choose one from the list, e.g. USD."
)


def _search_field(placeholder):
    return forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": placeholder}),
    )


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({obj.get_kind_display()})"


class OrganisationMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({obj.get_kind_display()})"


# Lists ------------------------------------------------------------------------------


class CountryFilterForm(forms.Form):
    q = _search_field(_("name or ISO code"))


class OrganisationFilterForm(forms.Form):
    q = _search_field(_("name or short name"))
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *OrganisationKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *OrganisationStatus.choices],
    )
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=None, required=False, empty_label=_("All countries")
    )

    def __init__(self, *args, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries


class ProgrammeFilterForm(forms.Form):
    q = _search_field(_("name or code"))
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=None, required=False, empty_label=_("All countries")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *ProgrammeStatus.choices],
    )

    def __init__(self, *args, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries


class PartnershipFilterForm(forms.Form):
    q = _search_field(_("name, code or sponsor"))
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=None, required=False, empty_label=_("All programmes")
    )
    sponsor = forms.ModelChoiceField(
        label=_("Sponsor"), queryset=None, required=False, empty_label=_("All sponsors")
    )

    def __init__(self, *args, programmes, sponsors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["sponsor"].queryset = sponsors


# Create and edit ----------------------------------------------------------------------


class CountryForm(ValidatingModelForm):
    class Meta:
        model = Country
        fields = ["code", "name", "currency", "default_language"]
        error_messages = {
            "code": {"unique": _("Another country already has this ISO code.")},
            "currency": {"invalid_choice": UNKNOWN_CURRENCY},
        }

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()


class OrganisationForm(ValidatingModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "short_name",
            "kind",
            "country",
            "status",
            "mou_date",
            "has_business_plan",
            "website",
            "notes",
        ]
        widgets = {"mou_date": DATE_WIDGET}
        error_messages = {
            "name": {"unique": _("Another organisation already has this name.")},
        }

    def __init__(self, *args, countries, country_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries
        if country_required:
            field = self.fields["country"]
            field.required = True
            field.help_text = _("Choose one of the countries you coordinate.")


class ProgrammeForm(ValidatingModelForm):
    donors = OrganisationMultipleChoiceField(
        label=_("Donors"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        help_text=MULTIPLE_HELP,
    )
    implementation_partners = OrganisationMultipleChoiceField(
        label=_("Implementation partners"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        help_text=MULTIPLE_HELP,
    )

    class Meta:
        model = Programme
        fields = [
            "code",
            "name",
            "country",
            "phase",
            "start_date",
            "end_date",
            "status",
            "donors",
            "implementation_partners",
            "relax_module_order",
            "description",
        ]
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET}
        error_messages = {
            "code": {"unique": _("Another programme already uses this code. Choose another.")},
        }

    def __init__(self, *args, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries

    def many_fields(self) -> dict:
        return {
            "donors": self.cleaned_data["donors"],
            "implementation_partners": self.cleaned_data["implementation_partners"],
        }


class PartnershipForm(ValidatingModelForm):
    sponsor = OrganisationChoiceField(label=_("Sponsor"), queryset=Organisation.objects.none())

    class Meta:
        model = Partnership
        fields = [
            "code",
            "name",
            "sponsor",
            "programme",
            "budget",
            "currency",
            "start_date",
            "end_date",
            "target_enterprises",
            "target_workers",
            "sponsor_fee_share",
            "notes",
        ]
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET}
        error_messages = {
            "code": {"unique": _("Another partnership already uses this code. Choose another.")},
            "currency": {"invalid_choice": UNKNOWN_CURRENCY},
        }

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        # Sponsors are of the sponsoring kinds; keep the current one even if its kind changed.
        sponsors = Q(kind__in=SPONSOR_KINDS) | Q(pk=self.instance.sponsor_id)
        self.fields["sponsor"].queryset = Organisation.objects.filter(sponsors).order_by("name")


class LogframeTargetForm(ValidatingModelForm):
    """A target for one logframe indicator; the programme comes from the page."""

    class Meta:
        model = LogframeTarget
        fields = ["indicator", "sex", "country", "target_date", "value", "notes"]
        widgets = {"target_date": DATE_WIDGET}

    def __init__(self, *args, programme, countries, **kwargs):
        kwargs.setdefault("instance", LogframeTarget(programme=programme))
        kwargs.setdefault("initial", {"country": programme.country_id})
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries
        self.fields["value"].help_text = _(
            "A count, or a percentage for the share of training cost covered."
        )
