"""Workflows that change several quality records at once, each in one transaction, by topic.

Callers import the package (`from qms import services`, `services.version_approve(...)`); each
topic's module holds its workflows.
"""

from .accounts import (
    account_create,
    account_deactivate,
    account_reactivate,
    account_set_roles,
    account_unlock,
    end_sessions,
)
from .documents import (
    document_create,
    document_refresh_search_text,
    document_update,
    document_withdraw,
    editions_come_into_force,
    read_confirm,
    version_approve,
    version_create_draft,
    version_return,
    version_submit,
    version_withdraw_draft,
)
from .objectives import (
    objective_evaluate,
    objectives_approve,
)
from .organisation import (
    context_review,
    policy_put_in_force,
    representative_appoint,
)
from .reviews import (
    review_action_close,
    review_action_save,
    review_approve,
    review_archive,
    review_comment,
    review_create,
    review_take_snapshot,
)
from .risks import (
    risk_evaluate,
)

__all__ = [
    "representative_appoint",
    "policy_put_in_force",
    "context_review",
    "document_refresh_search_text",
    "document_create",
    "document_update",
    "version_create_draft",
    "version_submit",
    "version_return",
    "version_approve",
    "editions_come_into_force",
    "version_withdraw_draft",
    "document_withdraw",
    "read_confirm",
    "end_sessions",
    "account_deactivate",
    "account_reactivate",
    "account_unlock",
    "account_create",
    "account_set_roles",
    "objectives_approve",
    "objective_evaluate",
    "risk_evaluate",
    "review_create",
    "review_take_snapshot",
    "review_comment",
    "review_action_save",
    "review_approve",
    "review_archive",
    "review_action_close",
]
