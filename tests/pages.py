"""The pages the accessibility (tests/browser) and HTML validity checks open, with the demo data.

Each entry: name -> (path, who is signed in (a demo account, or None), expected HTTP status).
`{certificate}`, `{body}`, `{audit}` and `{representative}` in a path are filled in by `page_url`.
"""

from certificates.models import Certificate
from qms.models import Representative

PAGES = {
    # Public pages
    "quality-page": ("/", None, 200),
    "quality-page-en": ("/en/", None, 200),
    "certificate-detail": ("/certificates/{certificate}/", None, 200),
    "accessibility-statement": ("/accessibility/", None, 200),
    "login": ("/accounts/login/", None, 200),
    "not-found": ("/no-such-page/", None, 404),
    # The intranet, as the ISO representative's office
    "intranet-home": ("/intranet/", "coordinator", 200),
    "certificate-list": ("/intranet/certificates/", "coordinator", 200),
    "certificate-create": ("/intranet/certificates/new/", "coordinator", 200),
    "certificate-update": ("/intranet/certificates/{certificate}/edit/", "coordinator", 200),
    "body-list": ("/intranet/bodies/", "coordinator", 200),
    "body-create": ("/intranet/bodies/new/", "coordinator", 200),
    "body-update": ("/intranet/bodies/{body}/edit/", "coordinator", 200),
    "externalaudit-list": ("/intranet/external-audits/", "coordinator", 200),
    "externalaudit-create": ("/intranet/external-audits/new/", "coordinator", 200),
    "externalaudit-update": ("/intranet/external-audits/{audit}/edit/", "coordinator", 200),
    "policy-list": ("/intranet/policies/", "coordinator", 200),
    "policy-create": ("/intranet/policies/new/", "coordinator", 200),
    "representative-list": ("/intranet/representatives/", "coordinator", 200),
    "representative-create": ("/intranet/representatives/new/", "coordinator", 200),
    "representative-update": (
        "/intranet/representatives/{representative}/edit/",
        "coordinator",
        200,
    ),
    "organisation-update": ("/intranet/organisation/edit/", "coordinator", 200),
    # The intranet, as an employee: the home page, and a page the role may not open
    "intranet-home-employee": ("/intranet/", "employee", 200),
    "forbidden": ("/intranet/certificates/", "employee", 403),
}

# The certificate form sent back with an error: 'valid until' before 'valid from'.
INVALID_CERTIFICATE = {
    "number": "PL-QMS-9999/2030",
    "standard": "PN-EN ISO 9001:2015-10",
    "scope": "zadania z zakresu administracji publicznej",
    "issued_on": "2030-07-01",
    "valid_from": "2030-07-14",
    "valid_until": "2030-07-13",
    "status": "valid",
}


def page_url(path):
    """The path with the demo's current certificate and representative filled in."""
    certificate = Certificate.objects.current()
    return path.format(
        certificate=certificate.pk,
        body=certificate.body_id,
        audit=certificate.audits.first().pk,
        representative=Representative.objects.current().pk,
    )


def valid_until_error():
    """The message the certificate form shows when 'valid until' is not after 'valid from'."""
    constraint = next(
        c
        for c in Certificate._meta.constraints
        if c.name == "certificates_certificate_valid_until_after_from"
    )
    return str(constraint.violation_error_message)
