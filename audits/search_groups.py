"""What the intranet's search finds among internal audits (qms.search_groups): audits, their
findings and the corrective actions that answer them, each as far as the user may open its page.
"""

from django.utils.translation import gettext_lazy as _

from qms.search import search
from qms.search_groups import SearchGroup, snippets_from

from .models import Audit, CorrectiveAction, Finding

# Each kind newest audit first, as the list of audits and the corrective-action register are.
# The words the search matches (search_text) are never shown: left in the database, they would
# widen every row the query counts and sorts (a few kB each).


def find_audits(user, query):
    audits = Audit.objects.visible_to(user).select_related("programme").defer("search_text")
    return search(audits, query).order_by("-programme__year", "-sequence")


def find_findings(user, query):
    findings = (
        Finding.objects.visible_to(user)
        .select_related("audit", "process")
        .defer("search_text", "audit__search_text", "process__search_text")
    )
    return search(findings, query).order_by("-audit__programme__year", "-audit__sequence", "number")


def find_actions(user, query):
    actions = (
        CorrectiveAction.objects.visible_to(user)
        .select_related("finding__audit", "responsible")
        .defer("search_text", "finding__search_text", "finding__audit__search_text")
    )
    return search(actions, query).order_by(
        "-finding__audit__programme__year", "-finding__audit__sequence", "finding__number", "pk"
    )


GROUPS = [
    SearchGroup(
        key="audits",
        title=_("Internal audits"),
        find=find_audits,
        template="audits/search_audit.html",
        prepare=snippets_from(
            "objectives", "scope", "criteria", "auditees", "places", "conclusions"
        ),
    ),
    SearchGroup(
        key="findings",
        title=_("Findings"),
        find=find_findings,
        template="audits/search_finding.html",
        prepare=snippets_from("description", "evidence", "requirement"),
    ),
    SearchGroup(
        key="actions",
        title=_("Corrective actions"),
        find=find_actions,
        template="audits/search_action.html",
        prepare=snippets_from("action", "correction", "root_cause", "verification_comment"),
    ),
]
