from django import forms
from django.utils.translation import gettext_lazy as _

from score.accounts.scopes import programmes_visible_to


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Workbook"),
        help_text=_("The filled-in programme workbook (.xlsx)."),
    )
    dry_run = forms.BooleanField(label=_("Only check the file; write nothing"), required=False)


class ExportForm(forms.Form):
    programme = forms.ChoiceField(label=_("Programme"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", _("All programmes I can see"))] + [
            (p.code, str(p)) for p in programmes_visible_to(user).order_by("code")
        ]
