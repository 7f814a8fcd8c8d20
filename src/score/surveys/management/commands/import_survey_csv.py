"""score manage import_survey_csv QUESTIONNAIRE_CODE FILE

Import a KoboToolbox or ODK Central CSV export of a questionnaire's XLSForm. Nothing is
written unless every row is valid; running it again on the same file creates nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from score.enterprises.models import Enterprise
from score.surveys import kobo
from score.surveys.models import Questionnaire


class Command(BaseCommand):
    help = "Import survey responses from a KoboToolbox / ODK CSV export (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("questionnaire", help="Questionnaire code, e.g. WPS.")
        parser.add_argument("file", help="The CSV file.")

    def handle(self, *args, questionnaire, file, **options):
        try:
            target = Questionnaire.objects.prefetch_related("questions").get(code=questionnaire)
        except Questionnaire.DoesNotExist:
            codes = ", ".join(Questionnaire.objects.values_list("code", flat=True))
            raise CommandError(
                _("No questionnaire has the code %(code)s; use one of %(codes)s.")
                % {"code": questionnaire, "codes": codes}
            ) from None
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("%(file)s is not a file.") % {"file": file})
        result = kobo.import_csv(
            by=None,
            questionnaire=target,
            data=path.read_bytes(),
            filename=path.name,
            enterprises=Enterprise.objects.all(),
        )
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("Nothing was imported: %(count)d problem(s). Correct the file and run again.")
                % {"count": len(result.problems)}
            )
        self.stdout.write(
            _(
                "%(created)d responses imported, %(skipped)d already there "
                "(read as %(encoding)s, separated by “%(delimiter)s”)."
            )
            % {
                "created": result.created,
                "skipped": result.skipped,
                "encoding": result.encoding,
                "delimiter": result.delimiter,
            }
        )
