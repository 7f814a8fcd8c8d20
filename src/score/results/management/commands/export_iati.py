"""`score export iati --programme CODE [--output FILE] [--user EMAIL]`: the programme as an
IATI 2.03 activity file (score.results.iati)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from score.accounts.scopes import logframes_visible_to
from score.core.exceptions import ActionError
from score.core.files import output_path, write_output
from score.imports.actions import command_line_user
from score.results.iati import iati_bytes


class Command(BaseCommand):
    help = "Write a programme's IATI 2.03 activity file (XML) with its results."

    def add_arguments(self, parser):
        parser.add_argument("--programme", required=True, help="programme code, e.g. CN-P1")
        parser.add_argument("--output", default="", help="file (default: standard output)")
        parser.add_argument("--user", default="", help="export as this user (e-mail)")

    def handle(self, *args, programme, output="", user="", **options):
        target = output_path(output) if output else None
        try:
            by = command_line_user(user)
        except ActionError as error:
            raise CommandError(str(error)) from None
        found = logframes_visible_to(by).select_related("country").filter(code=programme).first()
        if found is None:
            raise CommandError(
                _("There is no programme %(p)s whose logframe you may see.") % {"p": programme}
            )
        content = iati_bytes(found)
        if output:
            write_output(target, content)
            self.stderr.write(_("Wrote the IATI file to %(path)s") % {"path": output})
        else:
            self.stdout.write(content.decode("utf-8"), ending="")
