"""What the finding page shows of its corrective actions, and which buttons each one gets."""

from django import template

from qms import roles

register = template.Library()


@register.simple_tag
def finding_actions(finding, user, actions=None):
    """The finding's actions (those given, or read here) and what `user` may do with them.

    Verifying and closing depend on the audit, not on the action, so they are decided once.
    """
    if actions in (None, ""):
        actions = list(finding.actions.select_related("responsible", "verified_by"))
    return {
        "actions": actions,
        "may_answer": finding.is_nonconformity and roles.can_answer_finding(user, finding),
        "may_verify": roles.can_verify_actions(user, finding.audit),
        "may_close": roles.can_close_actions(user, finding.audit),
    }
