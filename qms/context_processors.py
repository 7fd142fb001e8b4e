from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation

from .models import Organisation


def _in_language(path, code):
    """`path` in the language `code`; the home page of that language when `path` is no page of
    the portal (a 404), so a link never leads elsewhere."""
    translated = translate_url(path, code)
    if translated == path and code != translation.get_language():
        with translation.override(code):
            return reverse("public:quality_page")
    return translated


def site(request):
    """The organisation (for headers and the demo notice) and the page in the other languages."""
    # A path beginning with "//" would be read by browsers as another site's address.
    path = "/" + request.get_full_path().lstrip("/")
    return {
        "organisation": Organisation.load(),
        "language_links": [
            (code, name, _in_language(path, code)) for code, name in settings.LANGUAGES
        ],
    }
