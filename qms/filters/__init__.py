"""The filters of the intranet's lists (django-filter), a module a list: the register of
documents (with its queryset, rows and snippets, which the search and the home share), the
processes, the register of risks and opportunities, the context register, the quality
objectives; `codes` holds the filter by process or unit that every list uses.
"""

from .codes import (
    CodeChoiceFilter,
    process_filter,
    unit_filter,
)
from .context import (
    ContextArchive,
    ContextFilter,
    ContextSection,
    TickedOnly,
)
from .documents import (
    SNIPPET_LOOKAHEAD,
    DocumentFilter,
    RegisterStatus,
    editions_to_approve,
    editions_to_read,
    register_page,
    register_queryset,
    register_rows,
    with_snippets,
    with_version_in_force,
)
from .objectives import (
    ObjectiveFilter,
    PersonFilter,
)
from .processes import (
    ProcessFilter,
)
from .risks import (
    SCALE_CHOICES,
    RiskArchive,
    RiskFilter,
)

__all__ = [
    "CodeChoiceFilter",
    "process_filter",
    "unit_filter",
    "editions_to_read",
    "editions_to_approve",
    "with_version_in_force",
    "register_queryset",
    "register_rows",
    "register_page",
    "SNIPPET_LOOKAHEAD",
    "with_snippets",
    "RegisterStatus",
    "DocumentFilter",
    "ProcessFilter",
    "RiskArchive",
    "SCALE_CHOICES",
    "RiskFilter",
    "TickedOnly",
    "ContextSection",
    "ContextArchive",
    "ContextFilter",
    "PersonFilter",
    "ObjectiveFilter",
]
