"""`score report results --programme CODE [--partnership CODE] [--from DATE --to DATE]
--format json|xlsx|csv|pdf [--output FILE] [--language en|zh-hans] [--user EMAIL]`."""

import datetime
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from score.core.exceptions import ActionError
from score.core.files import output_path, write_output
from score.imports.actions import command_line_user
from score.programmes.models import Partnership, Programme
from score.results.builders import build_results
from score.results.exporters import FORMATS, export


def _date(text: str, option: str):
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            _("%(option)s must be a date written YYYY-MM-DD, e.g. 2012-12-31; got “%(text)s”.")
            % {"option": option, "text": text}
        ) from None


class Command(BaseCommand):
    help = "Write the results report of a programme (or partnership) as json, xlsx, csv or pdf."

    def add_arguments(self, parser):
        parser.add_argument("--programme", required=True, help="programme code, e.g. CN-P1")
        parser.add_argument("--partnership", default="", help="partnership code")
        parser.add_argument("--from", dest="date_from", default="", help="YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", default="", help="YYYY-MM-DD")
        parser.add_argument("--format", default="json", choices=sorted(FORMATS))
        parser.add_argument("--language", default="", help="en or zh-hans")
        parser.add_argument("--output", default="", help="file (default: standard output)")
        parser.add_argument("--user", default="", help="report what this user (e-mail) sees")

    def handle(
        self,
        *args,
        programme,
        partnership="",
        date_from="",
        date_to="",
        format="json",
        language="",
        output="",
        user="",
        **options,
    ):
        languages = {code for code, _name in settings.LANGUAGES}
        language = (language or settings.LANGUAGE_CODE).lower()
        if language not in languages:
            raise CommandError(
                _("There is no language %(l)s; use one of: %(all)s.")
                % {"l": language, "all": ", ".join(sorted(languages))}
            )
        if format not in FORMATS:
            raise CommandError(_("The format must be one of json, xlsx, csv, pdf."))
        start, end = _date(date_from, "--from"), _date(date_to, "--to")
        if start and end and start > end:
            raise CommandError(_("--from is after --to; swap the two dates."))
        target = output_path(output) if output else None
        try:
            by = command_line_user(user)
        except ActionError as error:
            raise CommandError(str(error)) from None
        with translation.override(language):
            try:
                report = build_results(
                    by,
                    programme=programme,
                    partnership=partnership or None,
                    date_from=start,
                    date_to=end,
                )
            except Programme.DoesNotExist:
                raise CommandError(
                    _("There is no programme %(p)s that you may see.") % {"p": programme}
                ) from None
            except Partnership.DoesNotExist:
                raise CommandError(
                    _("There is no partnership %(p)s in programme %(programme)s that you may see.")
                    % {"p": partnership, "programme": programme}
                ) from None
            content = export(report, format)
        if output:
            write_output(target, content)
            self.stderr.write(_("Wrote %(f)s") % {"f": output})
        elif format in ("json", "csv"):
            self.stdout.write(content.decode("utf-8").lstrip("\ufeff"), ending="\n")
        else:
            if sys.stdout.isatty():
                raise CommandError(
                    _("A %(f)s file cannot be shown here: give --output FILE.") % {"f": format}
                )
            sys.stdout.buffer.write(content)
