"""Forms for modules, enrolments and classroom sessions: they validate, actions decide."""

import datetime
import re

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from score.core.forms import ValidatingModelForm
from score.enterprises.models import Person
from score.programmes.models import PROVIDER_KINDS, Organisation
from score.training.models import WORKPLACE_COOPERATION, ClassroomSession, Module

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _not_in_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(
            _("%(date)s is in the future. Record a step on the day it happened, or today.")
            % {"date": value.isoformat()}
        )
    return value


def _translation_field_name(language: str) -> str:
    return "name_" + language.replace("-", "_")


class ModuleForm(ValidatingModelForm):
    """A programme's own module. One name field per non-English language of the site."""

    class Meta:
        model = Module
        fields = [
            "programme",
            "code",
            "name",
            "description",
            "order",
            "classroom_days",
            "followup_visits",
            "prerequisites",
        ]

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["programme"].required = True
        self.fields["programme"].label = _("Programme")
        self.fields["programme"].help_text = _("Only this programme will offer the module.")
        self.fields["prerequisites"].queryset = Module.objects.filter(
            programme__isnull=True, is_active=True
        )
        self.fields["prerequisites"].help_text = _(
            "Modules an enterprise must complete or have under way first."
        )
        self.fields["order"].initial = 10
        if not self.is_bound:
            self.initial["prerequisites"] = list(
                Module.objects.filter(code=WORKPLACE_COOPERATION).values_list("pk", flat=True)
            )
        for language, label in settings.LANGUAGES:
            if language == "en":
                continue
            self.fields[_translation_field_name(language)] = forms.CharField(
                label=_("Name in %(language)s") % {"language": label},
                max_length=120,
                required=False,
            )

    def clean_code(self):
        return self.cleaned_data["code"].strip()

    def translations(self) -> dict:
        return {
            language: self.cleaned_data.get(_translation_field_name(language), "")
            for language, _label in settings.LANGUAGES
            if language != "en"
        }


class ModuleFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("code or name")}),
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=None, required=False, empty_label=_("All programmes")
    )

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes


class EnrolForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=None)
    module = forms.ModelChoiceField(label=_("Module"), queryset=None)
    trainer = forms.ModelChoiceField(
        label=_("Lead trainer"), queryset=None, required=False, empty_label=_("Not yet chosen")
    )
    registered_on = forms.DateField(
        label=_("Registered on"),
        required=False,
        widget=DATE,
        help_text=_("Leave empty for today."),
    )

    def __init__(self, *args, programmes, modules, trainers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["module"].queryset = modules
        self.fields["trainer"].queryset = trainers

    def clean_registered_on(self):
        return _not_in_future(self.cleaned_data["registered_on"])


class StepForm(forms.Form):
    """Moving an enrolment one step on: the date it happened (today if left empty)."""

    on = forms.DateField(
        label=_("Date"), required=False, widget=DATE, help_text=_("Leave empty for today.")
    )

    def clean_on(self):
        return _not_in_future(self.cleaned_data["on"])


class DropForm(StepForm):
    reason = forms.CharField(
        label=_("Reason for dropping"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Say why the enterprise dropped out; the reason is kept on record.")
        },
    )


class SessionFilterForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=None, required=False, empty_label=_("All programmes")
    )
    module = forms.ModelChoiceField(
        label=_("Module"), queryset=None, required=False, empty_label=_("All modules")
    )
    provider = forms.ModelChoiceField(
        label=_("Provider"), queryset=None, required=False, empty_label=_("All providers")
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE)

    def __init__(self, *args, programmes, modules, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["module"].queryset = modules
        self.fields["provider"].queryset = providers

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the range is before its start."))
        return data


class EnrolmentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.enterprise.name} — {obj.module} ({obj.programme.code})"


def parse_days(text: str) -> list[datetime.date]:
    """Dates written as YYYY-MM-DD, separated by commas, spaces or new lines."""
    days, wrong = [], []
    for token in re.split(r"[\s,;，；、]+", text.strip()):
        if not token:
            continue
        try:
            days.append(datetime.date.fromisoformat(token))
        except ValueError:
            wrong.append(token)
    if wrong:
        raise forms.ValidationError(
            _("%(wrong)s: write each day as YYYY-MM-DD, e.g. 2012-03-15.")
            % {"wrong": ", ".join(wrong)}
        )
    return days


class SessionForm(ValidatingModelForm):
    days = forms.CharField(
        label=_("Class days"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "2012-03-15, 2012-03-16"}),
        help_text=_(
            "Only if the class does not meet every day from start to end: the dates it "
            "meets, as YYYY-MM-DD separated by commas."
        ),
    )
    enrolments = EnrolmentChoiceField(
        label=_("Enterprises (their enrolments)"),
        queryset=None,
        required=False,
        help_text=_(
            "Enrolments in this session's module and programme. SCORE recommends 4–5 "
            "enterprises per class. Hold Ctrl (or Cmd) to choose more than one."
        ),
    )

    class Meta:
        model = ClassroomSession
        fields = [
            "programme",
            "module",
            "title",
            "code",
            "start_date",
            "end_date",
            "days",
            "is_online",
            "venue",
            "online_link",
            "provider",
            "trainers",
            "enrolments",
            "notes",
        ]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, programmes, modules, providers, trainers, enrolments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["module"].queryset = modules
        self.fields["provider"].queryset = providers
        self.fields["trainers"].queryset = trainers
        self.fields["trainers"].required = False
        self.fields["enrolments"].queryset = enrolments
        if self.instance.pk and not self.is_bound:
            dates = list(self.instance.days.values_list("date", flat=True))
            every_day = (self.instance.end_date - self.instance.start_date).days + 1
            if len(dates) != every_day:
                self.initial["days"] = ", ".join(d.isoformat() for d in dates)

    def clean_days(self):
        return parse_days(self.cleaned_data.get("days") or "")

    def session_fields(self) -> dict:
        """Keyword arguments for create_session / update_session."""
        return {
            name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data
        }


def provider_choices():
    return Organisation.objects.filter(kind__in=PROVIDER_KINDS)


class ParticipantPickForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        label=_("People of the class's enterprises"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one person to add.")},
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people
        self.fields["people"].label_from_instance = lambda p: (
            f"{p.enterprise.name}: {p.name or _('(not named)')} — {p.get_role_display()}, "
            f"{p.get_sex_display()}"
        )


class NewParticipantForm(ValidatingModelForm):
    """A person not yet recorded at the enterprise: sex and role are required, the name is
    optional."""

    class Meta:
        model = Person
        fields = ["enterprise", "name", "sex", "role", "job_title"]

    def __init__(self, *args, enterprises, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises
        if enterprises.count() == 1:
            self.initial["enterprise"] = enterprises.first()


class AttendanceForm(forms.Form):
    """The attendance grid: one ticked box per participant present on a day."""

    present = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, participant_ids, day_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (f"{p}-{d}", f"{p}-{d}") for p in participant_ids for d in day_ids
        ]
        self.fields["present"].error_messages["invalid_choice"] = _(
            "Some of the ticks are for people or days that are not in this class any more. "
            "Reload the page and tick again."
        )

    def pairs(self) -> set[tuple[int, int]]:
        return {tuple(int(x) for x in value.split("-")) for value in self.cleaned_data["present"]}
