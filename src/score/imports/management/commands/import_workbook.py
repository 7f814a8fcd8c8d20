from django.core.management.base import BaseCommand, CommandError

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
                self.stdout.write(f"validated {validated}/{total} rows")
            if written is not None:
                self.stdout.write(f"written {written}/{total} rows")

        from pathlib import Path

        if not Path(file).exists():
            raise CommandError(f"There is no file {file}.")
        report = import_workbook(by=by, path=Path(file), dry_run=dry_run, progress=progress)
        for problem in report.problems:
            self.stderr.write(str(problem))
        for sheet, counts in report.counts.items():
            self.stdout.write(
                f"{sheet}: {counts['created']} created, {counts['updated']} updated, "
                f"{counts['unchanged']} unchanged"
            )
        if not report.ok:
            raise CommandError(str(report.summary()))
        self.stdout.write(str(report.summary()))
