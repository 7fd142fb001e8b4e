"""The intranet's one search box: /intranet/search/?q=… finds documents, process cards, internal
audits, findings and corrective actions, each kind with its total and its own pages
(`documents_page=2`).

Each kind lists exactly what the page each result links to lets the user open: the groups of
qms.search_groups apply those pages' own rules. Every signed-in user may search; an account
without a role finds what it may read (closed audits' reports).
"""

from dataclasses import dataclass

from django.core.paginator import Page
from django.shortcuts import render
from django.views.decorators.http import require_safe

from qms.forms.search import SearchForm
from qms.search import Query
from qms.search_groups import SearchGroup, gather
from qms.shortcuts import CountingPaginator

# Results a page of each kind: a search page shows several kinds at once.
PER_PAGE = 10


@dataclass
class Results:
    """One kind's page of results: its rows (with their snippets), how many in all, and the
    addresses of its previous and next pages, which keep the query and the other kinds' pages."""

    group: SearchGroup
    page: Page
    previous_url: str | None
    next_url: str | None

    @classmethod
    def of(cls, group, request, query):
        param = f"{group.key}_page"
        paginator = CountingPaginator(group.find(request.user, query), PER_PAGE)
        page = paginator.get_page(request.GET.get(param))
        group.prepare(page, query, request.user)

        def url(number):
            params = request.GET.copy()
            params[param] = number
            return f"?{params.urlencode()}"

        return cls(
            group,
            page,
            url(page.previous_page_number()) if page.has_previous() else None,
            url(page.next_page_number()) if page.has_next() else None,
        )

    @property
    def count(self):
        return self.page.paginator.count


@require_safe
def search(request):
    """The search page: with a query, each kind's results; without one (or when the query has
    no word, or is too long), what can be searched and how."""
    form = SearchForm(request.GET)
    query, results = None, []
    if form.is_valid() and form.cleaned_data["q"]:
        query = Query(form.cleaned_data["q"])
        if query:
            results = [Results.of(group, request, query) for group in gather()]
    return render(
        request,
        "qms/search.html",
        {
            "form": form,
            "query": query,
            "results": results,
            "found": sum(result.count for result in results),
        },
    )
