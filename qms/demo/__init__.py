"""The demo records as data, and the loaders that run them through the services.

Each app keeps its own demo package (qms/demo, certificates/demo, audits/demo): data modules, and
a `load(report)` that adds the app's demo records. `load_all()` runs them in INSTALLED_APPS order,
so that qms, which the others build on, comes first and never has to import them.

The rule on data already there: every demo record is looked up by its natural key (the
organisation pk=1, a representative's full name, a policy's version, an account's username, a
unit's, process's or document's code, a certificate's number, an external audit's kind and first
day, a programme's year, an audit's year and title). A record that is missing is added with
everything under it (a process with its risks and measures, a document with its editions, an audit
with its checklist, findings and actions); one that is there is left exactly as it is, with
everything under it, and counted as kept. A second run adds nothing, and what someone changed on
the demo site stays changed, with its change history telling the truth.

Dates are relative to the day of loading, so the demo always has documents due for review, recent
measured values and an audit in progress.
"""

from importlib import import_module

from django.apps import apps
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from qms import history

from .report import Report

# Models are imported when called: `python -m qms.demo.document_files` imports this package
# before Django is set up.


def load(report):
    """The quality system's records: organisation, accounts, units, processes, documents."""
    from .loader import load as load_quality_system

    load_quality_system(report)


def load_all():
    """Every installed app's demo records, in one transaction; returns the Report.

    The change history is paused while loading (row by row it would double the time), and each
    record added then gets its "created" row, dated when the demo says it was created. Records that
    were there keep their history: a second run adds none.
    """
    from qms.models import pause_history

    report = Report()
    with transaction.atomic():
        with pause_history():
            for app in apps.get_app_configs():
                if module_has_submodule(app.module, "demo"):
                    import_module(f"{app.name}.demo").load(report)
            # The management review gathers its inputs from every app's records: loaded last.
            from .loader import load_reviews

            load_reviews(report)
        history.record_creations()
    return report
