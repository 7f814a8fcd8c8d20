"""The navigation each role sees. Items are shown only where the role has a scope there."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from score.accounts.models import Role
from score.accounts.scopes import scope_of


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str
    roles: frozenset  # empty: every signed-in user

    def visible_for(self, scope) -> bool:
        return scope.is_admin or not self.roles or bool(self.roles & scope.roles)


_WORKING = frozenset({Role.COUNTRY_COORDINATOR, Role.PROVIDER_STAFF, Role.TRAINER})
_VIEWERS = frozenset({Role.SPONSOR_VIEWER, Role.DONOR_VIEWER})

NAV_ITEMS = [
    NavItem("home", _("Home"), frozenset()),
    NavItem("programmes:programme_list", _("Programmes"), _WORKING | _VIEWERS),
    NavItem(
        "programmes:partnership_list",
        _("Partnerships"),
        frozenset({Role.COUNTRY_COORDINATOR, Role.SPONSOR_VIEWER, Role.DONOR_VIEWER}),
    ),
    NavItem(
        "enterprises:enterprise_list",
        _("Enterprises"),
        _WORKING | frozenset({Role.ENTERPRISE_USER, Role.SPONSOR_VIEWER}),
    ),
    NavItem(
        "programmes:organisation_list",
        _("Organisations"),
        frozenset({Role.COUNTRY_COORDINATOR, Role.PROVIDER_STAFF}),
    ),
    NavItem("training:session_list", _("Training"), _WORKING),
    NavItem("counselling:my_week", _("My week"), frozenset({Role.TRAINER})),
    NavItem("counselling:visit_list", _("Visits"), _WORKING),
    NavItem("web:calendar", _("Calendar"), _WORKING),
    NavItem("monitoring:index", _("Monitoring"), _WORKING | frozenset({Role.ENTERPRISE_USER})),
    NavItem("surveys:questionnaire_list", _("Surveys"), _WORKING | _VIEWERS),
    NavItem("imports:index", _("Import / export"), frozenset({Role.COUNTRY_COORDINATOR})),
    NavItem("programmes:country_list", _("Countries"), frozenset({Role.PROGRAMME_ADMIN})),
    NavItem("results:report_page", _("Results"), _WORKING | _VIEWERS),
    NavItem(
        "trainers:trainer_list",
        _("Trainers"),
        frozenset({Role.PROGRAMME_ADMIN, Role.COUNTRY_COORDINATOR, Role.PROVIDER_STAFF}),
    ),
    NavItem(
        "finance:index",
        _("Finance"),
        frozenset({Role.PROGRAMME_ADMIN, Role.COUNTRY_COORDINATOR, Role.PROVIDER_STAFF}),
    ),
]


def items_for(request) -> list[dict]:
    scope = scope_of(request.user)
    current = request.resolver_match.view_name if request.resolver_match else ""
    items = []
    for item in NAV_ITEMS:
        if not item.visible_for(scope):
            continue
        namespace = item.url_name.rsplit("_", 1)[0]
        items.append(
            {
                "url": reverse(item.url_name),
                "label": item.label,
                "current": current == item.url_name
                or (item.url_name != "home" and current.startswith(namespace)),
            }
        )
    return items
