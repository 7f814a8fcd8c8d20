from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from score.surveys.models import QuestionType, RespondentRole, Sex, TenureBand

MAX_CSV_MB_DEFAULT = 5


def max_csv_bytes() -> int:
    return int(getattr(settings, "SCORE_MAX_SURVEY_CSV_MB", MAX_CSV_MB_DEFAULT)) * 1024 * 1024


class ResultsFilterForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=None, required=False, empty_label=_("All programmes")
    )
    wave = forms.ChoiceField(label=_("Wave"), required=False)
    role = forms.ChoiceField(
        label=_("Respondents"),
        required=False,
        choices=[("", _("Workers and managers")), *RespondentRole.choices],
    )
    sex = forms.ChoiceField(label=_("Sex"), required=False, choices=[("", _("All")), *Sex.choices])

    def __init__(self, *args, programmes, questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["wave"].choices = [("", _("All waves")), *questionnaire.wave_choices()]


class ResponseForm(forms.Form):
    """One paper questionnaire: who answered (no name) and one field per question."""

    enterprise = forms.ModelChoiceField(label=_("Enterprise"), queryset=None)
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=None,
        required=False,
        empty_label=_("The enterprise's programme"),
        help_text=_("Only needed when the enterprise takes part in more than one programme."),
    )
    wave = forms.ChoiceField(label=_("Wave"))
    role = forms.ChoiceField(label=_("Respondent's role"), choices=RespondentRole.choices)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    tenure_band = forms.ChoiceField(label=_("Years at the enterprise"), choices=TenureBand.choices)
    submitted_on = forms.DateField(
        label=_("Filled in on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, questionnaire, enterprises, programmes, sessions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        self.fields["enterprise"].queryset = enterprises
        self.fields["programme"].queryset = programmes
        self.fields["wave"].choices = questionnaire.wave_choices()
        if sessions is not None:
            self.fields["session"] = forms.ModelChoiceField(
                label=_("Classroom session"),
                queryset=sessions,
                required=False,
                help_text=_("The class the respondent took part in, if known."),
            )
        for question in questionnaire.questions.all():
            self.fields[f"q_{question.code}"] = forms.ChoiceField(
                label=question.display_text,
                choices=question.choices.choices,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "scale"}),
                help_text=_("Leave empty if the respondent did not answer.")
                if question.type == QuestionType.LIKERT5
                else "",
            )

    def answers(self) -> dict[str, str]:
        return {
            name[2:]: value
            for name, value in self.cleaned_data.items()
            if name.startswith("q_") and value
        }


class CsvImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("The CSV exported from KoboToolbox or ODK Central for this questionnaire."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = max_csv_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                _(
                    "The file is %(size)d MB; the largest accepted is %(max)d MB. Split it and "
                    "import the parts one by one."
                )
                % {"size": upload.size // (1024 * 1024), "max": limit // (1024 * 1024)}
            )
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(
                _(
                    "%(name)s is not a CSV file. In KoboToolbox or ODK Central, download the "
                    "data as CSV and upload that file."
                )
                % {"name": upload.name}
            )
        return upload
