# Internal audits (programme, audits, checklists, findings, corrective actions) arrive with
# their own issue; the app is registered now so that the project's layout is settled.
