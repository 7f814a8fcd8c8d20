"""PDFs rendered by WeasyPrint from the same kind of HTML templates as the pages.

Fonts come from the machine through fontconfig; the templates' CSS names Noto Sans and
Noto Sans CJK SC (Debian's fonts-noto-cjk) so that Chinese text renders. Templates keep
their CSS inline and load nothing over the network."""

from django.template.loader import render_to_string


def render_pdf(template: str, context: dict, *, request=None) -> bytes:
    """Render ``template`` with ``context`` in the current language and return PDF bytes."""
    from weasyprint import HTML  # imported here: loading it (and its fonts) takes a moment

    html = render_to_string(template, context, request=request)
    return HTML(string=html).write_pdf()
