from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from score.core.files import output_path
from score.imports.template import write_template


class Command(BaseCommand):
    help = "Write the programme workbook template (xlsx)."

    def add_arguments(self, parser):
        parser.add_argument("--output", default="score-workbook-template.xlsx")

    def handle(self, *args, output, **options):
        output_path(output)
        path = write_template(output)
        self.stdout.write(_("Wrote the template to %(path)s") % {"path": path})
