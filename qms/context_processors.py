from django.conf import settings
from django.urls import translate_url

from .models import Organisation


def site(request):
    """The organisation (for headers and the demo notice) and the page in the other languages."""
    path = request.get_full_path()
    return {
        "organisation": Organisation.load(),
        "language_links": [
            (code, name, translate_url(path, code)) for code, name in settings.LANGUAGES
        ],
    }
