from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates and external audits")

    def ready(self):
        from qms import public_cache

        from .models import Certificate, CertificationBody, ExternalAudit

        # The public pages show every certificate, its body and the published external audits.
        for model in (Certificate, CertificationBody, ExternalAudit):
            public_cache.register(model)
