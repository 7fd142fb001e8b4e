"""The intranet's forms, one module per topic as in views/ and models/; shared fields in
fields.py."""
