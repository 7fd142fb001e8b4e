"""The demo accounts, one per role, and the person who approves the office's documents."""

from qms import roles

DEMO_PASSWORD = "demo"

DEMO_ACCOUNTS = [
    # username, role, first name, last name
    ("coordinator", roles.COORDINATOR, "Biuro", "Pełnomocnika"),
    ("auditor", roles.AUDITOR, "Audytor", "Wewnętrzny"),
    ("owner", roles.PROCESS_OWNER, "Właściciel", "Procesu"),
    ("employee", roles.EMPLOYEE, "Pracownik", "Urzędu"),
    ("clerk", roles.SURVEY_CLERK, "Punkt", "Obsługi Klienta"),
    ("manager", roles.MANAGEMENT, "Prezydent", "Miasta"),
]

# The person who approves what the representative's office prepares ("Zatwierdził" in the
# quality book). Not a demo account: the password is unusable, nobody signs in as them.
APPROVER = ("sekretarz", "Sekretarz", "Miasta")
