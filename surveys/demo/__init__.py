"""The demo's residents' survey: a questionnaire, last year's campaign (closed) and this year's
(open all year), each with a few hundred responses over the units and channels, some with a
comment, as data (records.py); `load(report)` is what load_demo runs after the other apps.

The rule on data already there is qms.demo's: the questionnaire (by title and version) and the
campaigns (by their short address) are added when missing; a campaign that has responses keeps
them and gets no more.
"""

from .loader import load

__all__ = ["load"]
