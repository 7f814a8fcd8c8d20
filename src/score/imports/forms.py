from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from score.accounts.scopes import programmes_visible_to
from score.imports.reader import check_upload


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Workbook"),
        help_text=_("The filled-in programme workbook (.xlsx)."),
    )
    dry_run = forms.BooleanField(label=_("Only check the file; write nothing"), required=False)

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        limit = int(getattr(settings, "SCORE_MAX_IMPORT_MB", 20))
        if uploaded.size > limit * 1024 * 1024:
            raise forms.ValidationError(
                _(
                    "The file is %(size).1f MB, over the limit of %(limit)s MB. Split it into "
                    "several workbooks, e.g. one per programme."
                )
                % {"size": uploaded.size / 1024 / 1024, "limit": limit}
            )
        problem = check_upload(uploaded)
        if problem is not None:
            raise forms.ValidationError(str(problem.message))
        return uploaded


class ExportForm(forms.Form):
    programme = forms.ChoiceField(label=_("Programme"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", _("All programmes I can see"))] + [
            (p.code, str(p)) for p in programmes_visible_to(user).order_by("code")
        ]
