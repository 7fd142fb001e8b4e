"""An audit's checklist: answered on a tablet one question at a time, extended with starter
questions or the audit's own, and printed blank for the room.

Reading needs roles.can_view_audit (auditors, owners and the coordinator; other staff once the
audit is closed); answering and adding questions need roles.can_edit_audit (the audit's team
and the coordinator, until the audit is closed). What the rules refuse is answered with 403.
"""

from collections import Counter
from itertools import groupby

from django.contrib import messages
from django.core.exceptions import BadRequest, ValidationError
from django.db.models import Count, F, Max, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from qms import roles
from qms.pdf import render_pdf
from qms.shortcuts import crumb, field_labels, form_page, show_errors, submitted

from .. import services
from ..forms.checklists import AnswerForm, ChecklistQuestionForm, CopyTemplatesForm
from ..models import Answer, Audit, ChecklistItem, Clause, Finding
from .audits import trail as audit_trail


def get_audit(request, pk, *, write=False):
    """The audit, if the user may read it (or, with `write`, change its checklist and findings)."""
    audit = get_object_or_404(
        Audit.objects.select_related("lead_auditor").prefetch_related("team"), pk=pk
    )
    return roles.require(
        roles.can_edit_audit if write else roles.can_view_audit, request.user, audit
    )


def trail(audit):
    """Internal audits › AW/2026/03 › Checklist."""
    return [*audit_trail(audit), crumb(_("Checklist"), "audits:checklist_detail", audit.pk)]


def checklist_url(audit, item=None, *, saved=False):
    """The checklist, at `item` when one is given (`saved`: with the note that it was saved)."""
    url = reverse("audits:checklist_detail", args=[audit.pk])
    if item is None:
        return url
    return f"{url}?saved={item.pk}#q{item.pk}" if saved else f"{url}#q{item.pk}"


def _items(audit):
    """The audit's questions grouped by clause (in the standard's order), the audit's own
    questions without a clause last; each numbered as it stands on the page."""
    items = list(
        audit.checklist.select_related("clause", "answered_by")
        .prefetch_related(
            Prefetch("findings", queryset=Finding.objects.only("pk", "number", "checklist_item"))
        )
        .order_by(F("clause__sort_key").asc(nulls_last=True), "order", "pk")
    )
    for position, item in enumerate(items, start=1):
        item.position = position
    groups = []
    for _clause_id, rows in groupby(items, key=lambda item: item.clause_id):
        rows = list(rows)
        groups.append({"clause": rows[0].clause, "items": rows})
    return items, groups


def _progress(items):
    counts = Counter(item.answer for item in items)
    return {
        "total": len(items),
        "answered": len(items) - counts[Answer.NOT_CHECKED],
        "by_answer": [(answer, answer.label, counts[answer]) for answer in Answer],
    }


# The checklist


def checklist_detail(request, pk):
    """The checklist: read it, or (the audit's team) answer it one question at a time.

    Each question is its own small form carrying the revision the auditor saw; after saving,
    the page comes back at that question. Saving over somebody else's newer answer is refused
    with both versions shown (409); sending the same answer twice is harmless.
    """
    audit = get_audit(request, pk, write=request.method == "POST")
    if request.method == "POST":
        return _answer(request, audit)
    try:
        saved = int(request.GET.get("saved", ""))
    except ValueError:
        saved = None
    return _checklist_page(request, audit, saved=saved)


def _checklist_page(request, audit, *, saved=None, bound=None, status=200):
    may_edit = roles.can_edit_audit(request.user, audit)
    items, groups = _items(audit)
    if may_edit:
        for item in items:
            item.form = (bound or {}).get(item.pk) or AnswerForm.for_item(item)
    context = {
        "audit": audit,
        "groups": groups,
        "progress": _progress(items),
        "may_edit": may_edit,
        "saved": saved,
        "breadcrumbs": audit_trail(audit),
    }
    return render(request, "audits/checklist_detail.html", context, status=status)


def _answer(request, audit):
    try:
        item_pk = int(request.POST.get("item", ""))
    except ValueError:
        raise BadRequest("no checklist question given") from None
    item = get_object_or_404(ChecklistItem, pk=item_pk, audit=audit)
    form = AnswerForm.for_item(item, request.POST)
    if not form.is_valid():
        messages.error(request, _("The answer was not saved. Correct the question marked below."))
        return _checklist_page(request, audit, bound={item.pk: form}, status=400)
    mine = form.cleaned_data
    try:
        services.checklist_answer(
            item=item,
            answer=mine["answer"],
            evidence=mine["evidence"],
            seen_revision=mine["revision"],
            user=request.user,
        )
    except services.AnswerConflict as conflict:
        return _conflict_page(request, audit, conflict.current, mine)
    except ValidationError as error:  # the audit was closed meanwhile
        show_errors(request, error)
        return redirect(checklist_url(audit, item))
    return redirect(checklist_url(audit, item, saved=True))


def _conflict_page(request, audit, current, mine):
    """Somebody saved this question since the form was opened: show theirs and mine.

    Keeping theirs needs no request; saving mine sends it again with the revision now current,
    so it overwrites knowingly (and is refused again if a third save came in between).
    """
    theirs = ChecklistItem.objects.select_related("clause", "answered_by").get(pk=current.pk)
    retry = AnswerForm(
        prefix=f"q{theirs.pk}",
        initial={**mine, "revision": theirs.revision},
    )
    context = {
        "audit": audit,
        "item": theirs,
        "mine": {**mine, "answer_label": Answer(mine["answer"]).label},
        "form": retry,
        "back_url": checklist_url(audit, theirs),
        "breadcrumbs": trail(audit),
    }
    return render(request, "audits/checklist_conflict.html", context, status=409)


def checklist_add_templates(request, pk):
    """Copy the starter questions of the chosen clauses into the audit's checklist."""
    audit = get_audit(request, pk, write=True)
    form = CopyTemplatesForm(*submitted(request), audit=audit)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.checklist_copy_templates(
                audit=audit, clauses=form.cleaned_data["clauses"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if added:
                messages.success(
                    request,
                    ngettext(
                        "%(n)s question added to the checklist.",
                        "%(n)s questions added to the checklist.",
                        added,
                    )
                    % {"n": added},
                )
            else:
                messages.info(
                    request,
                    _("The checklist already has every starter question of the chosen clauses."),
                )
            return redirect("audits:checklist_detail", audit.pk)
    in_checklist = dict(
        audit.checklist.filter(clause__isnull=False)
        .values_list("clause")
        .annotate(n=Count("pk"))
        .order_by()
    )
    tops = {c.number: c for c in Clause.objects.exclude(number__contains=".")}
    groups = []
    for box in form["clauses"]:
        clause = box.data["value"].instance
        clause.in_checklist = in_checklist.get(clause.pk, 0)
        top = tops.get(clause.number.split(".")[0])
        if not groups or groups[-1]["top"] != top:
            groups.append({"top": top, "boxes": []})
        groups[-1]["boxes"].append((box, clause))
    context = {
        "audit": audit,
        "form": form,
        "groups": groups,
        "title": _("Add starter questions to checklist %(number)s") % {"number": audit.number},
        "back_href": checklist_url(audit),
        "breadcrumbs": trail(audit),
    }
    return render(request, "audits/checklist_templates.html", context)


def checklist_question_create(request, pk):
    """The audit's own question, added at the end of its clause (or of the list)."""
    audit = get_audit(request, pk, write=True)

    def save(form):
        item = form.save(commit=False)
        item.order = (audit.checklist.aggregate(n=Max("order"))["n"] or 0) + 1
        item.save()
        return item

    return form_page(
        request,
        ChecklistQuestionForm(*submitted(request), instance=ChecklistItem(audit=audit)),
        save=save,
        done=_("Question added to the checklist."),
        title=_("New question in checklist %(number)s") % {"number": audit.number},
        cancel=checklist_url(audit),
        breadcrumbs=trail(audit),
    )


# The plan of the audit, as the blank checklist's header shows it.
CHECKLIST_HEADER = ["title", "scope", "criteria", "places", "team", "auditees"]


@require_safe
def checklist_pdf(request, pk):
    """The blank checklist auditors take into the room: yes / no and room for notes."""
    audit = get_audit(request, pk)
    items, _groups = _items(audit)
    # On paper, one table per main clause (4 … 10): the questions keep their subclause.
    tops = {c.number: c for c in Clause.objects.exclude(number__contains=".")}
    groups = []
    for number, rows in groupby(
        items, key=lambda i: i.clause.number.split(".")[0] if i.clause else None
    ):
        groups.append({"clause": tops.get(number), "items": list(rows)})
    return render_pdf(
        request,
        "audits/checklist_pdf.html",
        {
            "audit": audit,
            "groups": groups,
            "team": list(audit.team.all()),
            "labels": field_labels(Audit, CHECKLIST_HEADER),
        },
        filename=f"lista-kontrolna-{audit.number}.pdf",
        title=_("Checklist of audit %(number)s") % {"number": audit.number},
    )
