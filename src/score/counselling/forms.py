"""Forms for visits, improvement teams and projects. They validate; the actions decide."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from score.core.forms import ValidatingModelForm
from score.counselling.models import (
    PHOTO_ACCEPT,
    ImprovementProject,
    ImprovementTeam,
    PhotoStage,
    ProjectAction,
    TeamMeeting,
    TeamMember,
    Visit,
    VisitKind,
    VisitStatus,
    validate_photo,
)
from score.training.models import Module

# Indicator codes of domain/SCORE.md, offered as suggestions until monitoring keeps a
# catalogue; any code in the right shape is accepted.
KPI_SUGGESTIONS = (
    "productivity",
    "defect_rate",
    "rework_rate",
    "energy_per_unit",
    "material_per_unit",
    "waste_per_unit",
    "production_cost_per_unit",
    "output_capacity",
    "cost_savings",
    "accidents",
    "absenteeism_rate",
    "staff_turnover",
    "worker_complaints",
    "worker_suggestions",
    "eit_meetings",
    "on_time_delivery",
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class HoursInput(forms.NumberInput):
    def __init__(self, attrs=None):
        super().__init__(
            attrs={
                "step": "0.25",
                "min": "0.25",
                "max": "24",
                "inputmode": "decimal",
                **(attrs or {}),
            }
        )


class DatalistInput(forms.TextInput):
    """A text input with suggestions (an HTML datalist)."""

    template_name = "counselling/widgets/datalist.html"

    def __init__(self, suggestions=(), attrs=None):
        super().__init__(attrs)
        self.suggestions = suggestions

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        list_id = f"{context['widget']['attrs'].get('id', name)}-suggestions"
        context["widget"]["attrs"]["list"] = list_id
        context["widget"]["list_id"] = list_id
        context["widget"]["suggestions"] = self.suggestions
        return context


class PhotoInput(forms.ClearableFileInput):
    def __init__(self, attrs=None):
        super().__init__(attrs={"accept": PHOTO_ACCEPT, **(attrs or {})})


class EnrolmentChoiceField(forms.ModelChoiceField):
    default_error_messages = {
        "invalid_choice": _(
            "Choose an enrolment from the list; the one sent is unknown or not one you work on."
        ),
    }

    def label_from_instance(self, obj):
        return f"{obj.enterprise.name} — {obj.module} ({obj.programme.code})"


# --- Visits ------------------------------------------------------------------------------


class VisitFilterForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=None, required=False, empty_label=_("All programmes")
    )
    trainer = forms.ModelChoiceField(
        label=_("Trainer"), queryset=None, required=False, empty_label=_("All trainers")
    )
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *VisitKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *VisitStatus.choices]
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, programmes, trainers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["trainer"].queryset = trainers

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The “to” date is before the “from” date."))
        return data


class OneMessagePerField:
    """A required field left empty gets one message: the model's own ("Enter the date of
    the visit."), not Django's "This field is required." beside it."""

    def _post_clean(self):
        super()._post_clean()
        for errors in self._errors.values():
            specific = [e for e in errors.data if getattr(e, "code", None) != "required"]
            if specific and len(specific) < len(errors.data):
                errors.data = specific


def _setup_trainer(form, trainers, initial=None) -> None:
    """Keep the trainer field only for users who choose the trainer (not trainers)."""
    if trainers is None:
        del form.fields["trainer"]
        return
    form.fields["trainer"].queryset = trainers
    form.fields["trainer"].required = True
    if initial is not None and not form.is_bound:
        form.initial.setdefault("trainer", initial)


class VisitPlanForm(OneMessagePerField, ValidatingModelForm):
    class Meta:
        model = Visit
        fields = ["enrolment", "kind", "planned_on", "trainer"]
        field_classes = {"enrolment": EnrolmentChoiceField}
        widgets = {"planned_on": DateInput}

    def __init__(self, *args, enrolments, trainers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.status = VisitStatus.PLANNED
        self.fields["enrolment"].queryset = enrolments
        self.fields["planned_on"].required = True
        _setup_trainer(self, trainers)


class VisitRecordForm(OneMessagePerField, ValidatingModelForm):
    """The visit report, short enough for a phone: date (today unless changed), hours, type,
    whether the team took part, findings, next steps. For a new visit also the enrolment;
    for coordinators also the trainer."""

    complete_follow_ups = forms.BooleanField(
        label=_("These were all the follow-up visits: mark the enrolment's visits done"),
        required=False,
    )

    class Meta:
        model = Visit
        fields = [
            "enrolment",
            "done_on",
            "hours",
            "kind",
            "eit_took_part",
            "findings",
            "next_steps",
            "trainer",
        ]
        field_classes = {"enrolment": EnrolmentChoiceField}
        widgets = {
            "done_on": DateInput,
            "hours": HoursInput,
            "findings": forms.Textarea(attrs={"rows": 3}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, enrolments=None, trainers=None, offer_completion=False, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["enrolment"]
        else:
            self.instance.status = VisitStatus.DONE
            self.fields["enrolment"].queryset = enrolments
        self.fields["done_on"].required = True
        self.fields["hours"].required = True
        if not self.is_bound and not self.initial.get("done_on"):
            self.initial["done_on"] = timezone.localdate()
        _setup_trainer(self, trainers)
        if not offer_completion:
            del self.fields["complete_follow_ups"]


class PlannedVisitEditForm(OneMessagePerField, ValidatingModelForm):
    class Meta:
        model = Visit
        fields = ["kind", "planned_on", "trainer"]
        widgets = {"planned_on": DateInput}

    def __init__(self, *args, trainers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["planned_on"].required = True
        _setup_trainer(self, trainers)


class DoneVisitEditForm(OneMessagePerField, ValidatingModelForm):
    class Meta:
        model = Visit
        fields = ["done_on", "hours", "eit_took_part", "findings", "next_steps"]
        widgets = {"done_on": DateInput, "hours": HoursInput}

    def __init__(self, *args, trainers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done_on"].required = True
        self.fields["hours"].required = True


class CancelVisitForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the visit cancelled?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class VisitPhotoForm(forms.Form):
    file = forms.FileField(label=_("Photo"), validators=[validate_photo], widget=PhotoInput)
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)


# --- Enterprise Improvement Teams -------------------------------------------------------


class TeamForm(ValidatingModelForm):
    class Meta:
        model = ImprovementTeam
        fields = ["programme", "formed_on", "notes"]
        widgets = {"formed_on": DateInput, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, enterprise, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.enterprise = enterprise
        self.fields["programme"].queryset = programmes
        self.fields["programme"].empty_label = _("Not tied to a programme")


class TeamMemberForm(ValidatingModelForm):
    class Meta:
        model = TeamMember
        fields = ["person", "team_role", "joined_on"]
        widgets = {"joined_on": DateInput}

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.team = team
        self.fields["person"].queryset = team.enterprise.people.order_by("role", "name", "pk")
        self.fields["person"].error_messages["invalid_choice"] = _(
            "Choose one of the enterprise's people; add them on the enterprise page first."
        )
        if not self.is_bound:
            self.initial.setdefault("joined_on", timezone.localdate())


class TeamMemberEditForm(ValidatingModelForm):
    class Meta:
        model = TeamMember
        fields = ["team_role", "joined_on", "left_on"]
        widgets = {"joined_on": DateInput, "left_on": DateInput}


class TeamMeetingForm(ValidatingModelForm):
    class Meta:
        model = TeamMeeting
        fields = ["held_on", "attendees", "decisions"]
        widgets = {
            "held_on": DateInput,
            "attendees": forms.CheckboxSelectMultiple,
            "decisions": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.team = team
        self.fields["attendees"].queryset = team.members.select_related("person")
        self.fields["attendees"].required = False
        if not self.is_bound:
            self.initial.setdefault("held_on", timezone.localdate())


# --- Improvement projects ---------------------------------------------------------------


class ProjectForm(ValidatingModelForm):
    class Meta:
        model = ImprovementProject
        fields = [
            "title",
            "module",
            "team",
            "problem",
            "kpi",
            "currency",
            "cost",
            "expected_savings",
            "actual_savings",
        ]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 4}),
            "kpi": DatalistInput(KPI_SUGGESTIONS),
        }

    def __init__(self, *args, enterprise, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.enterprise = enterprise
        self.fields["team"].queryset = ImprovementTeam.objects.filter(
            enterprise=enterprise
        ).select_related("enterprise", "programme")
        self.fields["module"].queryset = Module.objects.filter(
            Q(programme__isnull=True) | Q(programme__participations__enterprise=enterprise),
            is_active=True,
        ).distinct()
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("currency", enterprise.country.currency)


class ProjectCompleteForm(forms.Form):
    finished_on = forms.DateField(label=_("Finished on"), widget=DateInput)
    actual_savings = forms.DecimalField(
        label=_("Actual savings"),
        help_text=_("Per year, in the project's currency. Leave empty if not known yet."),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("finished_on", timezone.localdate())


class ProjectDropForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the project dropped?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Say why the project was dropped; the reason helps the next project.")
        },
    )


class ProjectActionForm(ValidatingModelForm):
    class Meta:
        model = ProjectAction
        fields = ["description", "owner", "owner_name", "due_on"]
        widgets = {"due_on": DateInput}

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
        self.fields["owner"].queryset = project.enterprise.people.order_by("role", "name", "pk")


class ProjectPhotoForm(forms.Form):
    stage = forms.ChoiceField(label=_("Before or after"), choices=PhotoStage.choices)
    file = forms.FileField(label=_("Photo"), validators=[validate_photo], widget=PhotoInput)
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)
