from django import forms
from django.utils.translation import gettext_lazy as _

from score.core.forms import ValidatingModelForm
from score.enterprises.models import (
    Enterprise,
    EnterpriseStatus,
    Participation,
    Person,
    Sector,
    SizeClass,
)
from score.programmes.models import PROVIDER_KINDS, Country, Organisation, OrganisationKind

BUYER_KINDS = [OrganisationKind.LEAD_BUYER, OrganisationKind.BUYER_ASSOCIATION]


class EnterpriseFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("name, code, region, products")}
        ),
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.none(),
        required=False,
        empty_label=_("All countries"),
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=None, required=False, empty_label=_("All programmes")
    )
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("All sectors")), *Sector.choices]
    )
    size_class = forms.ChoiceField(
        label=_("Size"), required=False, choices=[("", _("All sizes")), *SizeClass.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *EnterpriseStatus.choices],
    )

    def __init__(self, *args, programmes, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["country"].queryset = countries


class EnterpriseForm(ValidatingModelForm):
    lead_buyers = forms.ModelMultipleChoiceField(
        label=_("Lead buyers"),
        queryset=Organisation.objects.filter(kind__in=BUYER_KINDS),
        required=False,
        help_text=_("Hold Ctrl (or Cmd) to choose more than one."),
    )

    class Meta:
        model = Enterprise
        fields = [
            "code",
            "name",
            "country",
            "region",
            "city",
            "cluster",
            "sector",
            "industry",
            "products",
            "employees_female",
            "employees_male",
            "status",
            "contact_name",
            "contact_phone",
            "contact_email",
            "address",
            "shares_data_with_sponsors",
        ]

    def __init__(self, *args, countries=None, **kwargs):
        super().__init__(*args, **kwargs)
        if countries is not None:
            self.fields["country"].queryset = countries
        if self.instance.pk and not self.is_bound:
            self.initial["lead_buyers"] = list(
                self.instance.supply_links.values_list("buyer_id", flat=True)
            )

    def clean_code(self):
        return self.cleaned_data["code"].strip()


class PersonForm(ValidatingModelForm):
    class Meta:
        model = Person
        fields = ["name", "sex", "role", "job_title", "code"]

    def __init__(self, *args, enterprise, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.enterprise = enterprise


class ParticipationForm(ValidatingModelForm):
    class Meta:
        model = Participation
        fields = [
            "programme",
            "provider",
            "partnership",
            "trainers",
            "status",
            "joined_on",
            "is_comparison",
        ]
        widgets = {"joined_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, enterprise, programmes, partnerships, trainers, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.enterprise = enterprise
        self.fields["programme"].queryset = programmes
        self.fields["provider"].queryset = Organisation.objects.filter(kind__in=PROVIDER_KINDS)
        self.fields["partnership"].queryset = partnerships
        self.fields["trainers"].queryset = trainers
        self.fields["trainers"].required = False
        if self.instance.pk:
            self.fields["programme"].disabled = True
