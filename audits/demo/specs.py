"""The shape of the demo's internal audits: an audit, its findings and their corrective actions."""

from dataclasses import dataclass, field

from audits.models import AuditStatus, FindingKind

MAJOR, MINOR = FindingKind.MAJOR, FindingKind.MINOR
OBSERVATION, IMPROVEMENT = FindingKind.OBSERVATION, FindingKind.IMPROVEMENT
CLOSED, REPORTED = AuditStatus.CLOSED, AuditStatus.REPORTED
IN_PROGRESS, PLANNED = AuditStatus.IN_PROGRESS, AuditStatus.PLANNED
TOWN_HALL = "Urząd Miejski w Zabrzu, ul. Powstańców Śląskich 5–7"


@dataclass(frozen=True)
class FromToday:
    """A day counted from the day the demo is loaded (negative: before it)."""

    days: int


@dataclass
class ActionSpec:
    # open (due later or, with a due date passed, overdue), implemented, effective,
    # not_effective, closed
    state: str
    action: str
    correction: str = ""
    root_cause: str = ""
    responsible: str = ""  # a username; by default the process owner, else the coordinator
    # Days after the finding was raised, or FromToday(n).
    due: object = 30
    implemented: object = None
    verified: object = None
    closed: object = None
    comment: str = ""  # the auditor's verification


@dataclass
class FindingSpec:
    kind: str
    clause: str
    process: str
    requirement: str
    description: str
    evidence: str
    # The checklist question the finding is raised from: the starter question of its clause
    # containing `starter` (or the only one of its clause, for a nonconformity or an
    # observation); failing that, `question`, added to the audit's checklist; failing that, none
    # (the finding is raised on its own).
    starter: str = ""
    question: str = ""
    day: int = 0  # which day of the audit (0: the first)
    actions: list = field(default_factory=list)


@dataclass
class AuditSpec:
    year: int  # 0: the current year, -1: the year before, ...
    title: str
    # For past years (month, first day of the month, last day of the month); for the current
    # year one of "reported", "in_progress", "planned", "unscheduled" (dated from today).
    when: object
    status: str
    processes: list
    units: list
    lead: str
    team: list
    auditees: str
    places: str
    scope: str
    documents: str  # internal documents among the criteria
    clauses: list  # starter questions of these clauses, in this order of preference
    questions: list = field(default_factory=list)  # (clause, question, evidence) of its own
    not_applicable: tuple = ()  # clause prefixes answered "not applicable"
    evidence: dict = field(default_factory=dict)  # clause -> this audit's note, not EVIDENCE's
    findings: list = field(default_factory=list)
    conclusions: str = ""
    closing_note: str = ""
