"""What the intranet's one search box finds, kind by kind: each app's `search_groups` module lists
its kinds of record (GROUPS), and `gather()` walks the installed apps, as the daily digest does,
so that qms never imports audits. This module holds qms's own kinds: documents and process cards.

A group's rows are exactly those the page each row links to lets the user open: the rule of that
page's list (a QuerySet's `visible_to`, the register's queryset), never restated here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext_lazy as _

from . import roles
from .filters import register_page, register_queryset
from .models import Document, Process
from .search import search, snippet


@dataclass(frozen=True)
class SearchGroup:
    """One kind of record on the search page.

    `key` names the group in the page's address (`<key>_page`) and its section's id; `find(user,
    query)` returns the matching rows `user` may open, best first; `prepare(page, query, user)`
    gives the rows of one page what `template` (one result) shows of them, their `snippet` too.
    """

    key: str
    title: str
    find: Callable
    template: str
    prepare: Callable


def snippets_from(*fields):
    """A group's `prepare`: each row's snippet cut from its own `fields` (no database query)."""

    def prepare(rows, query, user):
        for row in rows:
            text = "\n".join(filter(None, (getattr(row, field) for field in fields)))
            row.snippet = snippet(text, query)
        return rows

    return prepare


def gather():
    """Every installed app's search groups, in INSTALLED_APPS order (qms's first)."""
    groups = []
    for app in apps.get_app_configs():
        if module_has_submodule(app.module, "search_groups"):
            groups.extend(import_module(f"{app.name}.search_groups").GROUPS)
    return groups


def find_documents(user, query):
    """The register as `user` sees it (register_queryset), code and title matches first; only
    the keys, as on the register's page (register_page gives a page its rows)."""
    if not roles.can_read_documents(user):  # the register's own rule
        return Document.objects.none()
    return search(register_queryset(user), query, title_field="search_title").only("pk")


def find_processes(user, query):
    processes = Process.objects.visible_to(user).select_related("owner").defer("search_text")
    return search(processes, query).order_by("-is_active", "code")


GROUPS = [
    SearchGroup(
        key="documents",
        title=_("Documents"),
        find=find_documents,
        template="qms/search_document.html",
        prepare=register_page,
    ),
    SearchGroup(
        key="processes",
        title=_("Process cards"),
        find=find_processes,
        template="qms/search_process.html",
        prepare=snippets_from("purpose", "scope", "inputs", "outputs", "customers", "resources"),
    ),
]
