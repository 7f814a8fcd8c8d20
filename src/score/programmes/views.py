# Replaced by the programmes pages (list, detail, create, edit); see issue 2.
from django.http import Http404


def _todo(request, pk=None):
    raise Http404


programme_list = programme_create = programme_detail = programme_edit = _todo
organisation_list = organisation_create = organisation_detail = organisation_edit = _todo
partnership_list = partnership_create = partnership_detail = partnership_edit = _todo
country_list = country_create = country_edit = _todo
