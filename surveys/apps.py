from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Residents' satisfaction survey")

    def ready(self):
        from qms import public_sections

        from .public_sections import SECTION

        public_sections.register(SECTION)
