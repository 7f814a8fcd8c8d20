"""Helpers every list page uses: search, pagination and htmx partial rendering."""

from django.core.paginator import Paginator
from django.shortcuts import render

PAGE_SIZE = 50


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))


def render_list(request, template: str, context: dict, partial: str = "results"):
    """Render the whole page, or only its results partial for an htmx request."""
    if getattr(request, "htmx", False) and not request.htmx.boosted:
        template = f"{template}#{partial}"
    return render(request, template, context)


def query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
