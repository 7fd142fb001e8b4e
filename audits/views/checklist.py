"""An audit's checklist (answered on a tablet, printed blank for the room) and its findings.

Reading needs roles.can_view_audit (auditors, owners and the coordinator; other staff once the
audit is closed); answering, adding questions and raising or editing findings need
roles.can_edit_audit (the audit's team and the coordinator, until the audit is closed). What the
rules refuse is answered with 403, never hidden behind a 200.
"""

from collections import Counter
from itertools import groupby

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.db.models import Count, F, Max, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from audits import services
from audits.forms_checklist import (
    AnswerForm,
    ChecklistQuestionForm,
    CopyTemplatesForm,
    FindingForm,
)
from audits.models import (
    Answer,
    Audit,
    ChecklistItem,
    Clause,
    Finding,
    FindingKind,
)
from qms import roles
from qms.pdf import render_pdf

# The kind a finding raised from a checklist answer starts with.
KIND_FOR_ANSWER = {
    Answer.NONCONFORMITY: FindingKind.MINOR,
    Answer.OBSERVATION: FindingKind.OBSERVATION,
}


def _link(name, *args):
    """The URL of a page another part of the audits app provides, or None until it exists."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _posted(request):
    """The data of a POST (even an empty one, which must show the form's errors), else None."""
    return request.POST if request.method == "POST" else None


def _audit(request, pk, *, write=False):
    """The audit, if the user may read it (or, with `write`, change its checklist and findings)."""
    audit = get_object_or_404(
        Audit.objects.select_related("lead_auditor").prefetch_related("team"), pk=pk
    )
    _check(request, audit, write=write)
    return audit


def _check(request, audit, *, write):
    allowed = roles.can_edit_audit if write else roles.can_view_audit
    if not allowed(request.user, audit):
        raise PermissionDenied


def _breadcrumbs(audit, *, checklist=True):
    """Audits › AW/2026/03 › Checklist, as far as those pages exist."""
    crumbs = []
    if url := _link("intranet:audit_list"):
        crumbs.append((_("Internal audits"), url))
    if url := _link("intranet:audit_detail", audit.pk):
        crumbs.append((audit.number, url))
    if checklist:
        crumbs.append((_("Checklist"), reverse("intranet:audit_checklist", args=[audit.pk])))
    return crumbs


def _checklist_url(audit, item=None, *, saved=False):
    url = reverse("intranet:audit_checklist", args=[audit.pk])
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


def audit_checklist(request, pk):
    """The checklist: read it, or (the audit's team) answer it one question at a time.

    Each question is its own small form carrying the revision the auditor saw; after saving,
    the page comes back at that question. Saving over somebody else's newer answer is refused
    with both versions shown (409); sending the same answer twice is harmless.
    """
    audit = _audit(request, pk, write=request.method == "POST")
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
        "breadcrumbs": _breadcrumbs(audit, checklist=False),
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
        for message in error.messages:
            messages.error(request, message)
        return redirect(_checklist_url(audit, item))
    return redirect(_checklist_url(audit, item, saved=True))


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
        "back_url": _checklist_url(audit, theirs),
        "breadcrumbs": _breadcrumbs(audit),
    }
    return render(request, "audits/checklist_conflict.html", context, status=409)


def checklist_add_templates(request, pk):
    """Copy the starter questions of the chosen clauses into the audit's checklist."""
    audit = _audit(request, pk, write=True)
    form = CopyTemplatesForm(_posted(request), audit=audit)
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
            return redirect("intranet:audit_checklist", audit.pk)
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
        "back_href": _checklist_url(audit),
        "breadcrumbs": _breadcrumbs(audit),
    }
    return render(request, "audits/checklist_templates.html", context)


def checklist_add_question(request, pk):
    """The audit's own question, added at the end of its clause (or of the list)."""
    audit = _audit(request, pk, write=True)

    def save(form):
        item = form.save(commit=False)
        item.order = (audit.checklist.aggregate(n=Max("order"))["n"] or 0) + 1
        item.save()
        messages.success(request, _("Question added to the checklist."))
        return item

    return _form_page(
        request,
        ChecklistQuestionForm(_posted(request), instance=ChecklistItem(audit=audit)),
        save=save,
        title=_("New question in checklist %(number)s") % {"number": audit.number},
        back_href=_checklist_url(audit),
        breadcrumbs=_breadcrumbs(audit),
    )


AUDIT_LABELS = ["title", "scope", "criteria", "places", "team", "auditees"]


@require_safe
def checklist_pdf(request, pk):
    """The blank checklist auditors take into the room: yes / no and room for notes."""
    audit = _audit(request, pk)
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
            "labels": {name: Audit._meta.get_field(name).verbose_name for name in AUDIT_LABELS},
        },
        filename=f"lista-kontrolna-{audit.number}.pdf",
        title=_("Checklist of audit %(number)s") % {"number": audit.number},
    )


# Findings


def _form_page(
    request,
    form,
    *,
    save,
    title,
    back_href,
    breadcrumbs,
    template="intranet/form.html",
    **extra,
):
    """The shared intranet form; a successful save leads to the saved record."""
    if request.method == "POST" and form.is_valid():
        try:
            record = save(form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(record)
    context = {
        "form": form,
        "title": title,
        "back_href": back_href,
        "breadcrumbs": breadcrumbs,
        **extra,
    }
    return render(request, template, context)


def finding_create(request, pk=None, item_pk=None):
    """A finding of the audit `pk`, or one raised from the checklist question `item_pk`.

    From a question it starts with the question's clause, the question as the requirement and
    the answer's evidence; a nonconformity answer suggests a minor nonconformity, an
    observation an observation. The service numbers it within the audit.
    """
    item = None
    if item_pk is not None:
        item = get_object_or_404(ChecklistItem.objects.select_related("clause"), pk=item_pk)
        pk = item.audit_id
    audit = _audit(request, pk, write=True)
    finding = Finding(audit=audit, checklist_item=item)
    if item is not None:
        finding.clause = item.clause
        finding.requirement = item.question
        finding.evidence = item.evidence
        finding.kind = KIND_FOR_ANSWER.get(item.answer, "")
    processes = list(audit.processes.all())
    if len(processes) == 1:
        finding.process = processes[0]

    def save(form):
        raised = services.finding_raise(finding=form.save(commit=False), user=request.user)
        messages.success(
            request,
            _("Finding %(number)s of audit %(audit)s recorded.")
            % {"number": raised.number, "audit": audit.number},
        )
        return raised

    return _form_page(
        request,
        FindingForm(_posted(request), instance=finding),
        save=save,
        title=_("New finding of audit %(number)s") % {"number": audit.number},
        back_href=_checklist_url(audit, item),
        breadcrumbs=_breadcrumbs(audit),
        template="audits/finding_form.html",
        audit=audit,
        item=item,
    )


def _finding(pk):
    return get_object_or_404(
        Finding.objects.select_related(
            "audit__programme", "clause", "process__owner", "checklist_item", "raised_by"
        ).prefetch_related("audit__team"),
        pk=pk,
    )


FINDING_LABELS = [
    "clause",
    "process",
    "requirement",
    "description",
    "evidence",
    "checklist_item",
    "raised_on",
]


@require_safe
def finding_detail(request, pk):
    """A finding with where it came from, and the corrective actions that answer it."""
    finding = _finding(pk)
    audit = finding.audit
    _check(request, audit, write=False)
    actions = list(finding.actions.select_related("responsible", "verified_by"))
    context = {
        "finding": finding,
        "audit": audit,
        # The model's names for its fields label the page, as they label its form.
        "labels": {name: Finding._meta.get_field(name).verbose_name for name in FINDING_LABELS},
        # Listed by the corrective actions' panel (audits/action_list_for_finding.html).
        "actions": actions,
        "may_edit": roles.can_edit_audit(request.user, audit),
        "breadcrumbs": _breadcrumbs(audit),
    }
    return render(request, "audits/finding_detail.html", context)


def finding_update(request, pk):
    finding = _finding(pk)
    audit = finding.audit
    _check(request, audit, write=True)

    def save(form):
        saved = form.save()
        messages.success(
            request,
            _("Finding %(number)s of audit %(audit)s saved.")
            % {"number": saved.number, "audit": audit.number},
        )
        return saved

    return _form_page(
        request,
        FindingForm(_posted(request), instance=finding),
        save=save,
        title=_("Edit finding %(number)s of audit %(audit)s")
        % {"number": finding.number, "audit": audit.number},
        back_href=finding.get_absolute_url(),
        breadcrumbs=[
            *_breadcrumbs(audit, checklist=False),
            (
                _("Finding %(number)s") % {"number": finding.number},
                finding.get_absolute_url(),
            ),
        ],
        template="audits/finding_form.html",
        audit=audit,
        item=finding.checklist_item,
    )
