"""The internal audits' intranet URLs, composed here and included by qms/urls.py."""

from . import urls_checklist, urls_findings, urls_programme

intranet_patterns = [
    *urls_programme.patterns,
    *urls_checklist.patterns,
    *urls_findings.patterns,
]
