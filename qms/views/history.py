"""The change history ("rejestr zmian") of one record, for the ISO representative's office."""

from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from qms import history
from qms.shortcuts import crumb, paginate


def trail(record, record_url):
    """Intranet › the record (when it has a page of its own): where its history stands."""
    crumbs = [crumb(_("Intranet"), "intranet:home")]
    if record_url:
        crumbs.append(crumb(str(record), record_url))
    return crumbs


@permission_required("qms.view_change_history", raise_exception=True)
@require_safe
def record_history(request, record_type, pk):
    model = history.record_model(record_type)
    if model is None:
        raise Http404
    record = get_object_or_404(model, pk=pk)
    sources = history.sources(record)
    page_obj = paginate(request, history.timeline(sources), per_page=25)
    record_url = record.get_absolute_url() if hasattr(record, "get_absolute_url") else ""
    return render(
        request,
        "qms/record_history.html",
        {
            "record": record,
            "record_kind": model._meta.verbose_name,
            "record_url": record_url,
            "page_obj": page_obj,
            "entries": history.entries(sources, list(page_obj.object_list)),
            "mixed": len(sources) > 1,
            "breadcrumbs": trail(record, record_url),
        },
    )
