from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from score.core.exceptions import ActionError
from score.imports.actions import command_line_user, import_workbook


class Command(BaseCommand):
    help = "Import a programme workbook: validate everything, then write all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="validate only")
        parser.add_argument("--user", default="", help="act as this user (e-mail)")

    def handle(self, *args, file, dry_run, user, **options):
        try:
            by = command_line_user(user)
        except ActionError as error:
            raise CommandError(str(error)) from None

        def progress(*, total=None, validated=None, written=None):
            if validated is not None:
                self.stdout.write(
                    _("validated %(n)s/%(total)s rows") % {"n": validated, "total": total}
                )
            if written is not None:
                self.stdout.write(
                    _("written %(n)s/%(total)s rows") % {"n": written, "total": total}
                )

        from pathlib import Path

        if not Path(file).exists():
            raise CommandError(_("There is no file %(f)s.") % {"f": file})
        report = import_workbook(by=by, path=Path(file), dry_run=dry_run, progress=progress)
        for problem in report.problems:
            self.stderr.write(str(problem))
        for sheet, counts in report.counts.items():
            self.stdout.write(
                _("%(sheet)s: %(created)s created, %(updated)s updated, %(unchanged)s unchanged")
                % {"sheet": sheet, **counts}
            )
        if not report.ok:
            raise CommandError(str(report.summary()))
        self.stdout.write(str(report.summary()))
