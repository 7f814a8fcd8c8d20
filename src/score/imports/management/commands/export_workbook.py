from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from score.core.exceptions import ActionError
from score.imports.actions import command_line_user
from score.imports.exporter import export_workbook
from score.programmes.models import Programme


class Command(BaseCommand):
    help = "Export the programme workbook (xlsx), for one programme or everything."

    def add_arguments(self, parser):
        parser.add_argument("--programme", default="", help="programme code, e.g. CN-P1")
        parser.add_argument("--output", default="score-workbook.xlsx")
        parser.add_argument("--user", default="", help="export what this user (e-mail) sees")

    def handle(self, *args, programme, output, user, **options):
        try:
            by = command_line_user(user)
        except ActionError as error:
            raise CommandError(str(error)) from None
        if programme and not Programme.objects.filter(code=programme).exists():
            raise CommandError(_("There is no programme %(p)s.") % {"p": programme})
        counts = export_workbook(by=by, path=output, programme_code=programme)
        for sheet, n in counts.items():
            self.stdout.write(_("%(sheet)s: %(n)s rows") % {"sheet": sheet, "n": n})
        self.stdout.write(_("Wrote %(f)s") % {"f": output})
