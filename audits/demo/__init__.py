"""The demo's internal audits: three yearly programmes, their audits, checklists, findings and
corrective actions, as data, and `load(report)`, which load_demo runs after qms's demo.

The programmes are those of the current year and the two before it: the two past years' audits
are closed, the current year has one reported, one in progress and two planned. The current
year's audits are dated from the day of loading, so that the one in progress is under way today,
the planned ones are ahead and the actions due "in three weeks" are not yet late.

Everything goes through audits.services in the order people work (create → copy the starter
questions → start → answer → raise findings → report → corrective actions → close); the services
stamp "now", and the stamps are then moved back to the days the story describes (story.py).

The rule on data already there is qms.demo's: programmes are found by year and audits by year
and title; an audit already there is left as it is, with its checklist, findings and actions.
"""

from .loader import load

__all__ = ["load"]
