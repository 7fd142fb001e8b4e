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
    audit = finding.audit
    # An auditor of the audit verifies and closes; the coordinator closes (roles.can_verify_action
    # and views.findings.may_close_actions, with the team read once); nobody once it is closed.
    auditor = (
        not audit.is_closed
        and user.has_perm("audits.verify_correctiveaction")
        and roles.is_on_audit(user, audit)
    )
    return {
        "actions": actions,
        "may_answer": finding.is_nonconformity and roles.can_answer_finding(user, finding),
        "may_verify": auditor,
        "may_close": auditor or (not audit.is_closed and user.has_perm("audits.manage_audits")),
    }
