"""The intranet's one search box (qms.views.search): the words typed, within reason."""

from django import forms
from django.utils.translation import gettext_lazy as _

# A search is a few words (qms.search reads the first ten); anything longer is refused with a
# message rather than cut silently.
MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _(
                "A search is a few words: at most %(limit_value)d characters "
                "(this one has %(show_value)d)."
            )
        },
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_(
            "Any form of a word finds the others (audyt, audytu, audytów); Polish letters may be "
            "left out. A code finds what starts with it (PR-0)."
        ),
    )
