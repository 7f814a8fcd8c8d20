"""The error shape and date helpers every counselling action shares."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from score.core.exceptions import ActionError


class CounsellingError(ActionError):
    """A counselling rule refused the change."""


class VisitRuleError(CounsellingError):
    pass


class TeamRuleError(CounsellingError):
    pass


class ProjectRuleError(CounsellingError):
    pass


class ProjectTransitionError(ProjectRuleError):
    pass


def local_today() -> datetime.date:
    return timezone.localdate()


def check_not_in_future(on: datetime.date | None, *, field: str, what: str) -> None:
    if on is not None and on > local_today():
        raise CounsellingError(
            _(
                "%(what)s (%(date)s) is in the future. Enter the date it happened, today at "
                "the latest."
            )
            % {"what": what, "date": on},
            field=field,
        )
