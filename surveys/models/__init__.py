"""The residents' satisfaction survey (badanie satysfakcji klientów, ISO 9001 clause 9.1.2), one
module per topic.

A questionnaire holds questions in groups, each answered on a 1-5 scale or "not applicable"; a
campaign opens a questionnaire to residents for a period at a short address; each response
keeps its answers, the unit and channel the resident dealt with, and one comment; a comment can
lead to an action on a process. What makes a resident identifiable is never stored: no name,
e-mail, IP address or user agent. The limit of answers per address per day is counted in
DailyTally, under a hash of the address salted with a key that changes every day, in a table no
response points to.
"""

from .actions import (
    MAX_ACTIONS_PER_COMMENT,
    MAX_DUE_DAYS,
    ActionKind,
    CommentAction,
    CommentActionQuerySet,
    CommentActionStatus,
)
from .campaigns import (
    SATISFIED,
    Answer,
    Campaign,
    CampaignQuerySet,
    Channel,
    DailyTally,
    Response,
    Source,
)
from .questionnaires import (
    FROZEN,
    SCORES,
    Question,
    QuestionGroup,
    Questionnaire,
    refuse_if_frozen,
)

__all__ = [
    "FROZEN",
    "MAX_ACTIONS_PER_COMMENT",
    "MAX_DUE_DAYS",
    "SATISFIED",
    "SCORES",
    "ActionKind",
    "Answer",
    "Campaign",
    "CampaignQuerySet",
    "Channel",
    "CommentAction",
    "CommentActionQuerySet",
    "CommentActionStatus",
    "DailyTally",
    "Question",
    "QuestionGroup",
    "Questionnaire",
    "Response",
    "Source",
    "refuse_if_frozen",
]
