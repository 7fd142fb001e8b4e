"""The process register, the process map, process cards (with risks and measures), the units."""

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.db.models import F, Prefetch
from django.shortcuts import get_object_or_404, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from qms.forms_processes import (
    MeasureForm,
    MeasureValueForm,
    ProcessFilter,
    ProcessForm,
    RiskForm,
    UnitForm,
)
from qms.models import (
    DocumentVersion,
    MeasureValue,
    OrganisationalUnit,
    Process,
    ProcessKind,
    ProcessMeasure,
    ProcessRisk,
    StaffProfile,
    lines,
)
from qms.pdf import render_pdf
from qms.roles import can_edit_process, can_record_measure_value

from .core import edit_record, paginate


def _editable_process(request, process):
    if not can_edit_process(request.user, process):
        raise PermissionDenied
    return process


def _edit_on_card(request, *, form_class, instance, title, process):
    """A process card or one of its records, edited on the shared form; back leads to the card."""
    return edit_record(
        request,
        form_class=form_class,
        instance=instance,
        title=title,
        back_url=process,
        go_to_record=True,
        breadcrumbs=[
            (_("Processes"), reverse("intranet:process_list")),
            (f"{process.code} {process.name}", process.get_absolute_url()),
        ],
    )


# The register, the map and the card


@permission_required("qms.view_process", raise_exception=True)
@require_safe
def process_list(request):
    processes = ProcessFilter(
        request.GET,
        queryset=Process.objects.select_related("owner").prefetch_related(
            Prefetch("units", queryset=OrganisationalUnit.objects.only("code", "name"))
        ),
    )
    return render(
        request,
        "qms/process_list.html",
        {"filter": processes, "page_obj": paginate(request, processes.qs)},
    )


@permission_required("qms.view_process", raise_exception=True)
@require_safe
def process_map(request):
    """The processes of the system as the familiar picture of the ISO 9001 process map."""
    bands = {kind: [] for kind in ProcessKind}
    for process in Process.objects.active().only("code", "name", "kind"):
        bands[process.kind].append(process)
    return render(
        request,
        "qms/process_map.html",
        {
            "management": bands[ProcessKind.MANAGEMENT],
            "core": bands[ProcessKind.CORE],
            "support": bands[ProcessKind.SUPPORT],
        },
    )


CHART = {"width": 480, "height": 160, "left": 52, "right": 12, "top": 12, "bottom": 28}


def _svg_number(number):
    """SVG coordinates use a decimal point whatever the language of the page."""
    return f"{number:.1f}"


def measure_chart(measure, values):
    """Where to draw the values of a measure (oldest first) and its target in a small SVG chart."""
    if not values:
        return None
    numbers = [float(v.value) for v in values]
    target = float(measure.target)
    low, high = min([*numbers, target]), max([*numbers, target])
    margin = (high - low) * 0.1 or abs(high) * 0.1 or 1
    bottom, top = low - margin, high + margin
    width = CHART["width"] - CHART["left"] - CHART["right"]
    height = CHART["height"] - CHART["top"] - CHART["bottom"]

    def y(number):
        return CHART["top"] + (top - number) / (top - bottom) * height

    step = width / (len(values) - 1) if len(values) > 1 else 0
    points = []
    for i, (value, number) in enumerate(zip(values, numbers, strict=True)):
        x = CHART["left"] + (i * step if len(values) > 1 else width / 2)
        points.append(
            {
                "x": _svg_number(x),
                "y": _svg_number(y(number)),
                # The corner of the square that marks a value behind the target.
                "sx": _svg_number(x - 4.5),
                "sy": _svg_number(y(number) - 4.5),
                "achieved": value.meets_target,
            }
        )
    return {
        **{key: str(size) for key, size in CHART.items()},
        "axis_x": _svg_number(CHART["left"] - 6),
        "axis_bottom": _svg_number(CHART["top"] + height),
        "right_edge": _svg_number(CHART["width"] - CHART["right"]),
        "label_y": _svg_number(CHART["height"] - 8),
        "target_y": _svg_number(y(target)),
        "line": " ".join(f"{p['x']},{p['y']}" for p in points),
        "points": points,
        "high": floatformat(high, -2),
        "high_y": _svg_number(y(high)),
        "low": floatformat(low, -2),
        "low_y": _svg_number(y(low)),
        "first": date_format(values[0].period_end, "M Y"),
        "last": date_format(values[-1].period_end, "M Y"),
        "first_day": date_format(values[0].period_end, "j E Y"),
        "last_day": date_format(values[-1].period_end, "j E Y"),
        "achieved": sum(p["achieved"] for p in points),
    }


# The fields of a card labelled by the model's names for them, as on its form.
LABELLED = ["kind", "owner", "units", "purpose", "scope", "interacts_with"]
# The fields written one item a line, shown as lists.
LIST_FIELDS = ["inputs", "outputs", "customers", "resources"]


def _process_card(request, pk):
    """Everything a process card shows, in a fixed number of queries."""
    process = get_object_or_404(Process.objects.select_related("owner"), pk=pk)
    measures = []
    for measure in process.measures.order_by("-is_active", "name").prefetch_related(
        Prefetch(
            "values",
            queryset=MeasureValue.objects.select_related("recorded_by").order_by("period_end"),
        )
    ):
        values = list(measure.values.all())
        measures.append(
            {
                "measure": measure,
                "values": values,
                "latest": values[-1] if values else None,
                "chart": measure_chart(measure, values),
            }
        )
    # Active first, risks before opportunities, the highest rating first.
    risks = list(
        process.risks.alias(rating=F("likelihood") * F("impact")).order_by(
            "-is_active", "-kind", "-rating", "pk"
        )
    )
    documents = process.documents.in_force().prefetch_related(
        Prefetch("versions", queryset=DocumentVersion.objects.in_force(), to_attr="in_force")
    )
    return {
        "process": process,
        # The model's field names label the card, as they label its form.
        "labels": {name: Process._meta.get_field(name).verbose_name for name in LABELLED},
        "lists": [
            (Process._meta.get_field(name).verbose_name, lines(getattr(process, name)))
            for name in LIST_FIELDS
        ],
        "units": list(process.units.all()),
        "risks": risks,
        "measures": measures,
        "documents": list(documents),
        "interacts_with": list(process.interacts_with.all()),
        "may_edit": can_edit_process(request.user, process),
        "may_record": can_record_measure_value(request.user, process),
    }


@permission_required("qms.view_process", raise_exception=True)
@require_safe
def process_detail(request, pk):
    return render(request, "qms/process_detail.html", _process_card(request, pk))


@permission_required("qms.view_process", raise_exception=True)
@require_safe
def process_pdf(request, pk):
    context = _process_card(request, pk)
    process = context["process"]
    return render_pdf(
        request,
        "qms/process_pdf.html",
        context,
        filename=f"karta-procesu-{process.code}.pdf",
        title=_("Process card %(code)s") % {"code": process.code},
    )


@permission_required("qms.add_process", raise_exception=True)
def process_create(request):
    return edit_record(
        request,
        form_class=ProcessForm,
        title=gettext_lazy("New process"),
        back_url="intranet:process_list",
    )


@permission_required("qms.change_process", raise_exception=True)
def process_update(request, pk):
    process = get_object_or_404(Process, pk=pk)
    return _edit_on_card(
        request,
        form_class=ProcessForm,
        instance=process,
        title=_("Edit the process card"),
        process=process,
    )


# Risks and opportunities, measures and their values: the coordinator, or the process's owner


def risk_create(request, pk):
    process = _editable_process(request, get_object_or_404(Process, pk=pk))
    return _edit_on_card(
        request,
        form_class=RiskForm,
        instance=ProcessRisk(process=process),
        title=_("New risk or opportunity"),
        process=process,
    )


def risk_update(request, pk):
    risk = get_object_or_404(ProcessRisk.objects.select_related("process"), pk=pk)
    process = _editable_process(request, risk.process)
    return _edit_on_card(
        request,
        form_class=RiskForm,
        instance=risk,
        title=_("Edit the risk or opportunity"),
        process=process,
    )


def measure_create(request, pk):
    process = _editable_process(request, get_object_or_404(Process, pk=pk))
    return _edit_on_card(
        request,
        form_class=MeasureForm,
        instance=ProcessMeasure(process=process),
        title=_("New measure"),
        process=process,
    )


def measure_update(request, pk):
    measure = get_object_or_404(ProcessMeasure.objects.select_related("process"), pk=pk)
    process = _editable_process(request, measure.process)
    return _edit_on_card(
        request,
        form_class=MeasureForm,
        instance=measure,
        title=_("Edit the measure"),
        process=process,
    )


def measurevalue_create(request, pk):
    measure = get_object_or_404(ProcessMeasure.objects.select_related("process"), pk=pk)
    if not can_record_measure_value(request.user, measure.process):
        raise PermissionDenied
    value = MeasureValue(measure=measure, recorded_by=request.user)
    return _edit_on_card(
        request,
        form_class=MeasureValueForm,
        instance=value,
        title=_("Record a value of “%(measure)s”") % {"measure": measure.name},
        process=measure.process,
    )


# Organisational units


@permission_required("qms.view_process", raise_exception=True)
@require_safe
def unit_list(request):
    units = OrganisationalUnit.objects.select_related("head").prefetch_related(
        Prefetch(
            "staff",
            queryset=StaffProfile.objects.select_related("user").order_by(
                "user__last_name", "user__first_name", "pk"
            ),
        ),
        Prefetch("processes", queryset=Process.objects.active().only("code", "name")),
    )
    return render(request, "qms/unit_list.html", {"page_obj": paginate(request, units)})


@permission_required("qms.add_organisationalunit", raise_exception=True)
def unit_create(request):
    return edit_record(
        request,
        form_class=UnitForm,
        title=gettext_lazy("New organisational unit"),
        back_url="intranet:unit_list",
    )


@permission_required("qms.change_organisationalunit", raise_exception=True)
def unit_update(request, pk):
    return edit_record(
        request,
        form_class=UnitForm,
        instance=get_object_or_404(OrganisationalUnit, pk=pk),
        title=gettext_lazy("Edit the organisational unit"),
        back_url="intranet:unit_list",
    )
