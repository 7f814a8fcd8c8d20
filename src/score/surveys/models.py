"""Anonymous surveys: questionnaires, their questions, and responses with their answers.

Kept apart from enterprise KPIs (``score.monitoring``): a response says only which
enterprise, programme and wave it belongs to and the respondent's role, sex and tenure
band. No name, contact or other personal identifier is ever stored (DESIGN.md, "Roles")."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from score.core.models import TimeStampedModel
from score.programmes.models import code_validator

# A name that XLSForm, XForms (XML) and CSV exports accept unchanged.
xlsform_name_validator = RegexValidator(
    r"^[A-Za-z_][A-Za-z0-9_]*$",
    _("Use letters, digits and underscores only, starting with a letter, e.g. trust_improved."),
)


class QuestionnaireKind(models.TextChoices):
    PARTICIPANT_SATISFACTION = "participant_satisfaction", _("Participant satisfaction")
    WORKER_PERCEPTION = "worker_perception", _("Worker perception")
    MANAGER_PERCEPTION = "manager_perception", _("Manager perception")


class Wave(models.TextChoices):
    BASELINE = "baseline", _("Baseline")
    ENDLINE = "endline", _("Endline")
    AFTER_MODULE = "after_module", _("After a module")


class RespondentRole(models.TextChoices):
    WORKER = "worker", _("Worker")
    MANAGER = "manager", _("Manager")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other / not stated")


class TenureBand(models.TextChoices):
    UNDER_1 = "lt1", _("Less than 1 year")
    FROM_1_TO_3 = "1to3", _("1–3 years")
    FROM_3_TO_10 = "3to10", _("3–10 years")
    OVER_10 = "gt10", _("More than 10 years")


class QuestionType(models.TextChoices):
    LIKERT5 = "likert5", _("Agree–disagree scale (5 points)")
    YES_NO = "yes_no", _("Yes / no")


class Likert(models.TextChoices):
    """Stored values of a five-point scale; also the XLSForm choice names."""

    STRONGLY_DISAGREE = "1", _("Strongly disagree")
    DISAGREE = "2", _("Disagree")
    NEUTRAL = "3", _("Neither agree nor disagree")
    AGREE = "4", _("Agree")
    STRONGLY_AGREE = "5", _("Strongly agree")


class YesNo(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")


ANSWER_CHOICES = {QuestionType.LIKERT5: Likert, QuestionType.YES_NO: YesNo}
DEFAULT_POSITIVE = {
    QuestionType.LIKERT5: [Likert.AGREE.value, Likert.STRONGLY_AGREE.value],
    QuestionType.YES_NO: [YesNo.YES.value],
}


def _translated(text: str, translations: dict) -> str:
    language = (get_language() or "en").lower()
    return (translations or {}).get(language) or text


class Questionnaire(TimeStampedModel):
    code = models.CharField(_("code"), max_length=32, unique=True, validators=[code_validator])
    title = models.CharField(_("title (English)"), max_length=200)
    title_translations = models.JSONField(
        _("title in other languages"),
        default=dict,
        blank=True,
        help_text=_('Language code to title, e.g. {"zh-hans": "参与者满意度"}.'),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=QuestionnaireKind.choices)
    module = models.ForeignKey(
        "training.Module",
        verbose_name=_("module"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questionnaires",
        help_text=_("Only for a satisfaction questionnaire about one module."),
    )
    waves = models.JSONField(
        _("waves"),
        default=list,
        help_text=_('The waves this questionnaire is asked in, e.g. ["baseline", "endline"].'),
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["code"]

    def __str__(self):
        return self.display_title

    @property
    def display_title(self) -> str:
        return _translated(self.title, self.title_translations)

    def get_absolute_url(self):
        return reverse("surveys:questionnaire_detail", args=[self.code])

    def wave_choices(self) -> list[tuple[str, str]]:
        return [(w.value, w.label) for w in Wave if w.value in (self.waves or [])]

    def clean(self):
        from django.core.exceptions import ValidationError

        unknown = set(self.waves or []) - set(Wave.values)
        if unknown or not self.waves:
            raise ValidationError(
                {
                    "waves": _("Choose one or more of: %(waves)s.")
                    % {"waves": ", ".join(Wave.values)}
                }
            )


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    code = models.CharField(
        _("code"),
        max_length=40,
        validators=[xlsform_name_validator],
        help_text=_("The column name in XLSForm and in CSV exports."),
    )
    text = models.CharField(_("text (English)"), max_length=300)
    text_translations = models.JSONField(_("text in other languages"), default=dict, blank=True)
    type = models.CharField(_("type"), max_length=16, choices=QuestionType.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=10)
    positive_values = models.JSONField(
        _("positive answers"),
        default=list,
        blank=True,
        help_text=_("Answers counted as positive; empty: agree and strongly agree, or yes."),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["questionnaire", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "code"], name="question_code_unique")
        ]

    def __str__(self):
        return self.display_text

    @property
    def display_text(self) -> str:
        return _translated(self.text, self.text_translations)

    @property
    def choices(self):
        return ANSWER_CHOICES[self.type]

    @property
    def positive(self) -> list[str]:
        return list(self.positive_values or DEFAULT_POSITIVE[self.type])


class Source(models.TextChoices):
    FORM = "form", _("Entered on a form")
    KOBO = "kobo", _("Imported from KoboToolbox / ODK")
    API = "api", _("API")


class Response(TimeStampedModel):
    """One anonymous respondent's answers. Deliberately without any personal identifier."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.PROTECT,
        related_name="responses",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="survey_responses",
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="survey_responses",
    )
    wave = models.CharField(_("wave"), max_length=16, choices=Wave.choices)
    respondent_role = models.CharField(
        _("respondent's role"), max_length=8, choices=RespondentRole.choices
    )
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices)
    tenure_band = models.CharField(
        _("years at the enterprise"), max_length=8, choices=TenureBand.choices
    )
    session = models.ForeignKey(
        "training.ClassroomSession",
        verbose_name=_("classroom session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_responses",
    )
    submitted_on = models.DateField(_("submitted on"))
    source = models.CharField(_("source"), max_length=8, choices=Source.choices, default="form")
    source_file = models.CharField(_("import file"), max_length=200, blank=True)
    source_row = models.PositiveIntegerField(_("import row"), null=True, blank=True)
    external_id = models.CharField(
        _("external id"),
        max_length=100,
        blank=True,
        help_text=_("KoboToolbox _uuid or ODK instanceID; re-importing the same file skips it."),
    )

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["-submitted_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "external_id"],
                condition=~Q(external_id=""),
                name="survey_response_external_id_unique",
            )
        ]
        indexes = [models.Index(fields=["questionnaire", "programme", "wave"])]

    def __str__(self):
        return f"{self.questionnaire.code} #{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="answers"
    )
    value = models.CharField(_("answer"), max_length=16)
    is_positive = models.BooleanField(
        _("positive"),
        help_text=_("Set from the question's positive answers when the answer is recorded."),
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_unique")
        ]

    def __str__(self):
        return f"{self.question.code}={self.value}"
