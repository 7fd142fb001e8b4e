from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class QmsConfig(AppConfig):
    name = "qms"
    verbose_name = _("Quality management system")

    def ready(self):
        from . import directory, public_cache
        from .models import Organisation, QualityPolicy, Representative
        from .roles import sync_roles

        # After the last app has migrated, so that every model's permissions exist.
        post_migrate.connect(sync_roles, dispatch_uid="qms_sync_roles")
        # The directory's settings are checked when the portal starts (manage.py check).
        checks.register(directory.check_settings)
        # What the public pages show of qms's records (the organisation, its representative, the
        # quality policy): a change to any of them is a new revision of the cached pages.
        for model in (Organisation, QualityPolicy, Representative):
            public_cache.register(model)
