"""All the demo's process cards and document cards, in the order they are loaded."""

from . import (
    documents_forms,
    documents_instructions,
    documents_records,
    documents_system,
    processes_core_city,
    processes_core_services,
    processes_management,
    processes_support,
)

PROCESSES = [
    *processes_management.PROCESSES,
    *processes_core_services.PROCESSES,
    *processes_core_city.PROCESSES,
    *processes_support.PROCESSES,
]

DOCUMENTS = [
    *documents_system.DOCUMENTS,
    *documents_instructions.INSTRUCTIONS,
    *documents_forms.FORMS,
    *documents_records.DOCUMENTS,
]
