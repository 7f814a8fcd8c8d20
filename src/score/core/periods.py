"""Date ranges: programmes, partnerships and measurement periods all start and end."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def check_range(start: date | None, end: date | None, *, field: str = "end_date") -> None:
    """Raise a ValidationError on ``field`` when ``end`` is before ``start``."""
    if start and end and end < start:
        raise ValidationError(
            {
                field: _(
                    "The end date (%(end)s) is before the start date (%(start)s). "
                    "Correct one of them."
                )
                % {"end": end, "start": start}
            }
        )


def overlaps(a_start: date, a_end: date, b_start: date, b_end: date) -> bool:
    return a_start <= b_end and b_start <= a_end
