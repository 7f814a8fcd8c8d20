"""Small helpers the counselling views share."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _


def next_param(request) -> str:
    """The ``next`` address as sent, to carry through a form."""
    return request.POST.get("next") or request.GET.get("next") or ""


def next_url(request, default: str) -> str:
    """The local address in ``next`` (GET or POST), else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def render_form(
    request,
    form,
    *,
    title: str,
    back: str,
    subject=None,
    help_text: str = "",
    submit: str = "",
    cancel_label: str = "",
    multipart: bool = False,
    links=(),
):
    """The one form page of the app: a heading (and what it is about), the form, save and
    cancel; ``links`` ((address, label) pairs) lead on from an error, e.g. to the record
    that already exists."""
    return render(
        request,
        "counselling/form.html",
        {
            "form": form,
            "title": title,
            "back": back,
            "subject": subject,
            "help": help_text,
            "submit": submit or _("Save"),
            "cancel_label": cancel_label or _("Cancel"),
            "multipart": multipart,
            "links": links,
            "next": next_param(request),
        },
    )


def serve_photo(photo) -> FileResponse:
    """Send a stored photo to a user already allowed to see it."""
    try:
        handle = photo.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, content_type=photo.content_type)
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, max-age=3600"
    return response
