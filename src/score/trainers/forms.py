"""Forms of the trainer network: they validate, the actions in ``score.trainers.actions``
decide and save."""

from django import forms
from django.utils.translation import gettext_lazy as _

from score.core.forms import ValidatingModelForm
from score.trainers.models import (
    Course,
    CourseKind,
    Level,
    Outcome,
    QualityReview,
    Sex,
    Trainer,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MULTIPLE_HELP = _("Hold Ctrl (or Cmd) to choose more than one.")
ACTIVE_CHOICES = [("", _("Active or not")), ("yes", _("Active")), ("no", _("Not active"))]
SCORE_CHOICES = [
    ("", "—"),
    (1, _("1 – poor")),
    (2, _("2 – needs work")),
    (3, _("3 – adequate")),
    (4, _("4 – good")),
    (5, _("5 – excellent")),
]


def _search_field(placeholder):
    return forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": placeholder}),
    )


class TrainerFilterForm(forms.Form):
    q = _search_field(_("name, e-mail, language or organisation"))
    module = forms.ModelChoiceField(
        label=_("Module"), queryset=None, required=False, empty_label=_("All modules")
    )
    level = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Level.choices]
    )
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=None, required=False, empty_label=_("All countries")
    )
    sex = forms.ChoiceField(
        label=_("Sex"), required=False, choices=[("", _("Any sex")), *Sex.choices]
    )
    active = forms.ChoiceField(label=_("Activity"), required=False, choices=ACTIVE_CHOICES)

    def __init__(self, *args, modules, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = modules
        self.fields["country"].queryset = countries


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_full_name()} <{obj.email}>"


class TrainerForm(ValidatingModelForm):
    user = UserChoiceField(
        label=_("User account"),
        queryset=None,
        required=False,
        empty_label=_("No account"),
        error_messages={
            "unique": _(
                "This account is already linked to another trainer. Choose another account or none."
            )
        },
        help_text=_(
            "The account the trainer logs in with (a user with the trainer role); their "
            "classes and visits count as their activity."
        ),
    )

    class Meta:
        model = Trainer
        fields = [
            "full_name",
            "sex",
            "languages",
            "country",
            "organisation",
            "user",
            "email",
            "phone",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(
        self, *args, countries, organisations, users, organisation_required=False, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries
        self.fields["organisation"].queryset = organisations
        self.fields["user"].queryset = users
        if organisation_required:
            self.fields["organisation"].required = True
            self.fields["organisation"].empty_label = None


class CertifyForm(forms.Form):
    certified_on = forms.DateField(label=_("Certified on"), widget=DATE)
    certifying_organisation = forms.ModelChoiceField(
        label=_("Certified by"),
        queryset=None,
        required=False,
        empty_label=_("Not recorded"),
    )
    expires_on = forms.DateField(
        label=_("Certificate expires on"),
        required=False,
        widget=DATE,
        help_text=_("Leave empty if the certificate does not expire."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["certifying_organisation"].queryset = organisations


class PromoteForm(forms.Form):
    expert_on = forms.DateField(label=_("Expert since"), widget=DATE)


class RenewForm(forms.Form):
    renewed_on = forms.DateField(label=_("Renewed on"), widget=DATE)
    expires_on = forms.DateField(
        label=_("New expiry date"),
        required=False,
        widget=DATE,
        help_text=_("Leave empty for three years after the current expiry date."),
    )


class EnrolmentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.enterprise} — {obj.module.code} ({obj.programme.code})"


class CourseForm(ValidatingModelForm):
    enrolments = EnrolmentChoiceField(
        label=_("The candidate's enterprises (their enrolments)"),
        queryset=None,
        required=False,
        help_text=_(
            "For a ToE cycle: the enrolments, in the course's module, of the enterprises "
            "the candidate trains; their baseline, class and visits show on the course page. "
        )
        + MULTIPLE_HELP,
    )

    class Meta:
        model = Course
        fields = [
            "module",
            "title",
            "country",
            "programme",
            "organisation",
            "start_date",
            "end_date",
            "venue",
            "supervisor",
            "enrolments",
            "sessions",
            "notes",
        ]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"sessions": MULTIPLE_HELP}

    def __init__(
        self,
        *args,
        kind,
        modules,
        countries,
        programmes,
        organisations,
        trainers,
        enrolments,
        sessions,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["module"].queryset = modules
        self.fields["country"].queryset = countries
        self.fields["programme"].queryset = programmes
        self.fields["organisation"].queryset = organisations
        self.fields["supervisor"].queryset = trainers
        self.fields["enrolments"].queryset = enrolments
        self.fields["sessions"].queryset = sessions
        if kind == CourseKind.TOE:
            self.fields["supervisor"].required = True
            self.fields["supervisor"].help_text = _("An expert trainer of the course's module.")
        else:
            for name in ("supervisor", "enrolments", "sessions"):
                del self.fields[name]


class ParticipantForm(forms.Form):
    trainer = forms.ModelChoiceField(label=_("Trainer"), queryset=None)

    def __init__(self, *args, trainers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainer"].queryset = trainers


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    outcome_on = forms.DateField(label=_("Date"), required=False, widget=DATE)
    recommended = forms.BooleanField(
        label=_("Recommended for certification (ToE cycle)"), required=False
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class QualityReviewForm(ValidatingModelForm):
    score_preparation = forms.TypedChoiceField(
        label=_("Preparation"), choices=SCORE_CHOICES, coerce=int
    )
    score_content = forms.TypedChoiceField(
        label=_("Content and accuracy"), choices=SCORE_CHOICES, coerce=int
    )
    score_facilitation = forms.TypedChoiceField(
        label=_("Facilitation and clarity"), choices=SCORE_CHOICES, coerce=int
    )
    score_engagement = forms.TypedChoiceField(
        label=_("Participants' engagement"), choices=SCORE_CHOICES, coerce=int
    )

    class Meta:
        model = QualityReview
        fields = [
            "session",
            "visit",
            "reviewed_on",
            "score_preparation",
            "score_content",
            "score_facilitation",
            "score_engagement",
            "notes",
        ]
        widgets = {"reviewed_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"session": _("The class you observed, or leave empty and choose a visit.")}

    def __init__(self, *args, sessions, visits, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions
        self.fields["visit"].queryset = visits

    def clean(self):
        data = super().clean()
        if not data.get("session") and not data.get("visit"):
            self.add_error("session", _("Choose the class or the visit you observed."))
        return data


class PipelineFilterForm(forms.Form):
    until = forms.DateField(label=_("On"), required=False, widget=DATE)
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=None, required=False, empty_label=_("All countries")
    )
    module = forms.ModelChoiceField(
        label=_("Module"), queryset=None, required=False, empty_label=_("All modules")
    )

    def __init__(self, *args, modules, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = modules
        self.fields["country"].queryset = countries
