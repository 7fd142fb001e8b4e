"""The quality system's core records, one module per topic."""

from .base import ArchiveOnlyQuerySet, QualityRecord, RecordDeletionError, today
from .documents import (
    Document,
    DocumentKind,
    DocumentStatus,
    DocumentVersion,
    ReadConfirmation,
    VersionStatus,
    default_next_review,
)
from .organisation import (
    EMAIL_PATTERN,
    Organisation,
    PolicyStatus,
    QualityPolicy,
    Representative,
)
from .processes import (
    Direction,
    Frequency,
    MeasureValue,
    Process,
    ProcessKind,
    ProcessMeasure,
    ProcessRisk,
    RiskKind,
    RiskLevel,
    lines,
    risk_level,
)
from .units import OrganisationalUnit, StaffProfile, UnitKind

__all__ = [
    "EMAIL_PATTERN",
    "ArchiveOnlyQuerySet",
    "Direction",
    "Document",
    "DocumentKind",
    "DocumentStatus",
    "DocumentVersion",
    "Frequency",
    "MeasureValue",
    "Organisation",
    "OrganisationalUnit",
    "PolicyStatus",
    "Process",
    "ProcessKind",
    "ProcessMeasure",
    "ProcessRisk",
    "QualityPolicy",
    "QualityRecord",
    "ReadConfirmation",
    "RecordDeletionError",
    "Representative",
    "RiskKind",
    "RiskLevel",
    "StaffProfile",
    "UnitKind",
    "VersionStatus",
    "default_next_review",
    "lines",
    "risk_level",
    "today",
]
