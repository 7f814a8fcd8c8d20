"""Files the command line writes: checked before any work is done, so a mistyped --output
gives one clear line instead of a traceback after a long report."""

import os
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _


def output_path(text: str) -> Path:
    """The path of an --output option, or CommandError saying what is wrong with it."""
    path = Path(text).expanduser()
    if path.is_dir():
        raise CommandError(
            _("%(path)s is a folder; give a file name, e.g. %(example)s.")
            % {"path": text, "example": path / "report.json"}
        )
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CommandError(
            _("The folder %(folder)s does not exist; create it or write somewhere else.")
            % {"folder": folder}
        )
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise CommandError(_("You may not write %(path)s; choose another place.") % {"path": text})
    return path


def write_output(path: Path, content: bytes) -> None:
    try:
        path.write_bytes(content)
    except OSError as error:
        raise CommandError(
            _("Could not write %(path)s: %(reason)s.") % {"path": path, "reason": error.strerror}
        ) from None
