"""Sections other apps add to the residents' quality page, so that the page (certificates) needs
no import of them: an app registers a PublicSection in its AppConfig.ready(), and the page asks
`gather(request)` for those that have something to show, in the order they were registered.

A section's `context(request)` returns the context of its `template` (included in the page's
main column, under an `h2`), or None when it has nothing to show; the records it names in
`records` count for the page's metryczka ("last changed").
"""

from collections.abc import Callable
from dataclasses import dataclass, field

_sections = []


@dataclass(frozen=True)
class PublicSection:
    key: str
    template: str
    context: Callable


@dataclass(frozen=True)
class Shown:
    """A section as the page includes it."""

    template: str
    context: dict
    records: list = field(default_factory=list)


def register(section):
    """Add `section` to the page, once (an app's ready() may run more than once in tests)."""
    if all(known.key != section.key for known in _sections):
        _sections.append(section)


def gather(request):
    """The sections with something to show, in the order they were registered."""
    shown = []
    for section in _sections:
        context = section.context(request)
        if context is not None:
            shown.append(Shown(section.template, context, list(context.get("records", []))))
    return shown
