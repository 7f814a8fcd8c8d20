from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from score.accounts.scopes import programmes_visible_to
from score.core.exceptions import ActionError
from score.core.files import output_path
from score.imports.actions import command_line_user
from score.imports.exporter import export_workbook


class Command(BaseCommand):
    help = "Export the programme workbook (xlsx), for one programme or everything."

    def add_arguments(self, parser):
        parser.add_argument("--programme", default="", help="programme code, e.g. CN-P1")
        parser.add_argument("--output", default="score-workbook.xlsx")
        parser.add_argument("--user", default="", help="export what this user (e-mail) sees")

    def handle(self, *args, programme="", output="score-workbook.xlsx", user="", **options):
        output_path(output)
        try:
            by = command_line_user(user)
        except ActionError as error:
            raise CommandError(str(error)) from None
        if programme and not programmes_visible_to(by).filter(code=programme).exists():
            raise CommandError(
                _("There is no programme %(p)s that you may see.") % {"p": programme}
            )
        counts = export_workbook(by=by, path=output, programme_code=programme)
        for sheet, n in counts.items():
            self.stdout.write(_("%(sheet)s: %(n)s rows") % {"sheet": sheet, "n": n})
        self.stdout.write(_("Wrote %(f)s") % {"f": output})
