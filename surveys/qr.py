"""The QR code of a campaign's public form, printed on the paper questionnaire and the poster.

segno (pure Python) writes it as SVG, which WeasyPrint draws as vectors: sharp at any size, with
nothing but the data URI to fetch (qms.pdf fetches no other address).
"""

import segno
from django.urls import reverse


def survey_url(request, campaign):
    """The absolute address of the campaign's public form, as the request reached the portal
    (the host residents reach it at), and the same without its scheme, short enough to print
    under the code and type by hand."""
    url = request.build_absolute_uri(reverse("public:survey_form", args=[campaign.code]))
    return url, url.split("://", 1)[-1]


def qr_data_uri(url):
    """The QR code of `url` as an SVG data URI, for an <img> with its alt text.

    Error correction M (15 % of the code may be smudged or folded) is what a printed sheet on a
    desk needs; the quiet zone of 4 modules is the standard's minimum around the code."""
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=1, border=4, omitsize=True)
