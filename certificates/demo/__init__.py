"""The demo's certification records: the certification body, the certificates since 2008 and the
external audits, as data (records.py), and `load(report)`, which load_demo runs after qms's demo.

The rule on data already there is qms.demo's: a record missing is added, one already there (found
by the body's name, the certificate's number, the audit's kind and first day) is left as it is.
"""

from .loader import load

__all__ = ["load"]
