"""Who may read results reports. What each report contains is decided by the scopes
(score.accounts.scopes): every signed-in user with a role sees the programmes in their
scope; the figures cover only the enterprises in their results scope."""

from django.core.exceptions import PermissionDenied

from score.accounts.scopes import scope_of


def can_view_results(user) -> bool:
    return not scope_of(user).is_empty


def check_can_view_results(user) -> None:
    if not can_view_results(user):
        raise PermissionDenied
