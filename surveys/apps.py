from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Residents' satisfaction survey")

    def ready(self):
        from qms import public_cache, public_sections

        from .models import Campaign, Question, QuestionGroup, Questionnaire, Response
        from .public_sections import SECTION

        public_sections.register(SECTION)
        # The quality page's summary and the public report: the campaigns, their questions, and
        # the responses (written once, never changed: the latest key is their revision).
        for model in (Campaign, Questionnaire, QuestionGroup, Question):
            public_cache.register(model)
        public_cache.register(Response, "id")
