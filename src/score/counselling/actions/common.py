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


# Things are planned at most this far ahead (a visit, a project action's due date).
PLAN_AHEAD_DAYS = 2 * 365


def local_today() -> datetime.date:
    return timezone.localdate()


def check_not_too_far_ahead(on: datetime.date | None, *, field: str, what: str) -> None:
    """A planned date may lie at most PLAN_AHEAD_DAYS (two years) after today."""
    latest = local_today() + datetime.timedelta(days=PLAN_AHEAD_DAYS)
    if on is not None and on > latest:
        raise CounsellingError(
            _(
                "%(what)s (%(date)s) is more than two years ahead. Check the year; plan it "
                "for %(latest)s at the latest."
            )
            % {"what": what, "date": on, "latest": latest},
            field=field,
        )


def check_not_before(
    on: datetime.date | None,
    earliest: datetime.date | None,
    *,
    field: str,
    message: str,
    error: type[CounsellingError] = CounsellingError,
) -> None:
    """``on`` may not come before ``earliest``; ``message`` takes %(date)s and %(earliest)s."""
    if on is not None and earliest is not None and on < earliest:
        raise error(message % {"date": on, "earliest": earliest}, field=field)


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
