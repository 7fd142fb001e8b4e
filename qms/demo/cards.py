"""The shape of the demo's process cards and document cards, and the words the data is written in.

Dates are relative to the day the demo is loaded ("months ago", "review in n months"), so that the
same documents are due for review and the same measures are recent whenever it is loaded.
"""

from dataclasses import dataclass, field

from qms.models import Direction, DocumentKind, Frequency, RiskKind

# --- Processes -------------------------------------------------------------------------------


@dataclass
class Risk:
    kind: str
    description: str
    likelihood: int
    impact: int
    treatment: str
    review_in_months: int  # from the day of loading; negative: the review is overdue


@dataclass
class Measure:
    name: str
    direction: str
    target: str
    unit: str
    frequency: str
    values: list  # oldest first, one per period ending before the day of loading


@dataclass
class ProcessCard:
    code: str
    name: str
    kind: str
    owner: str | None
    units: list
    purpose: str
    scope: str
    inputs: list
    outputs: list
    customers: list
    resources: list
    interacts_with: list
    risks: list = field(default_factory=list)
    measures: list = field(default_factory=list)


RISK, CHANCE = RiskKind.RISK, RiskKind.OPPORTUNITY
GTE, LTE = Direction.AT_LEAST, Direction.AT_MOST
M, Q, H, Y = Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.HALF_YEARLY, Frequency.YEARLY

# --- Documents -------------------------------------------------------------------------------

# The steps a document's versions went through, oldest first. Each step makes one version through
# the workflow services, except READ, which has the demo employee confirm the version in force.


def approved(months_ago, summary):
    """Drafted, submitted and approved; in force from `months_ago` months before loading."""
    return ("approved", months_ago, summary)


def abandoned(months_ago, summary):
    """A draft that was withdrawn before review."""
    return ("abandoned", months_ago, summary)


def draft(summary):
    return ("draft", None, summary)


def in_review(summary):
    return ("in_review", None, summary)


def returned(summary, comment):
    """Submitted and sent back to the author as a draft, with the reviewer's comment."""
    return ("returned", None, summary, comment)


READ = ("read", None, "")

ALL_UNITS = "*"
FIRST = "Pierwsze wydanie."


@dataclass
class DocumentCard:
    code: str
    title: str
    kind: str
    process: str
    unit: str
    owner: str
    concerned: object  # a list of unit codes, or ALL_UNITS
    steps: list
    withdrawal_reason: str = ""

    def editions(self):
        """(edition number, summary of changes) of each version the steps make, oldest first."""
        steps = [step for step in self.steps if step[0] != "read"]
        return [(number, step[2]) for number, step in enumerate(steps, start=1)]


QB, PR, IN, FO, EX, RE = (
    DocumentKind.QUALITY_BOOK,
    DocumentKind.PROCEDURE,
    DocumentKind.INSTRUCTION,
    DocumentKind.FORM,
    DocumentKind.EXTERNAL,
    DocumentKind.RECORD,
)
