"""includes/pagination.html and qms.shortcuts.paginate: a page that shows several lists gives
each its own parameter, and each list's links keep the filters and the other lists' pages."""

from django.template import Context, Template
from django.test import RequestFactory

from qms.shortcuts import paginate

LINKS = Template('{% include "includes/pagination.html" %}')


def _links(request, page):
    return LINKS.render(Context({"request": request, "page_obj": page}))


def test_each_list_turns_its_own_page_and_keeps_the_rest_of_the_address():
    request = RequestFactory().get("/", {"q": "ryzyko", "internal": "2", "parties": "3"})
    internal = paginate(request, list(range(120)), per_page=50, param="internal")
    parties = paginate(request, list(range(10)), per_page=50, param="parties")
    assert internal.number == 2 and list(internal)[0] == 50
    assert parties.number == 1  # past its last page: its last
    html = _links(request, internal)
    assert 'href="?q=ryzyko&amp;internal=1&amp;parties=3"' in html
    assert 'href="?q=ryzyko&amp;internal=3&amp;parties=3"' in html
    assert _links(request, parties).strip() == ""  # one page: no links


def test_a_single_list_keeps_the_page_parameter_and_a_careless_number_is_page_one():
    request = RequestFactory().get("/", {"page": "dwa", "kind": "core"})
    page = paginate(request, list(range(120)))
    assert page.number == 1
    assert 'href="?page=2&amp;kind=core"' in _links(request, page)
