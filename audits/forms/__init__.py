"""Forms of internal audits, one module per topic as in views/."""
