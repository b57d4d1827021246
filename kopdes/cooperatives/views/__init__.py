"""Cooperative-scoped pages: everything under /k/<slug>/.

``profile`` is the cooperative's home (header, formation timeline, officers,
units, latest RAT, history); the other modules hold the edit forms. Reading
needs ``cooperative.view``; every form (GET and POST) needs
``cooperative.edit`` and answers 404 otherwise, so a read-only role neither
sees an edit button nor reaches the form by URL.
"""

from kopdes.cooperatives.views.manage import (
    cooperative_edit,
    document_delete,
    officer_delete,
    officer_end,
    step_delete,
    unit_delete,
)
from kopdes.cooperatives.views.people import (
    officer_create,
    officer_edit,
    unit_create,
    unit_edit,
    unit_status,
)
from kopdes.cooperatives.views.pipeline import document, step_edit
from kopdes.cooperatives.views.profile import history, home
from kopdes.cooperatives.views.rat import rat_create, rat_edit

__all__ = [
    "cooperative_edit",
    "document",
    "document_delete",
    "history",
    "home",
    "officer_create",
    "officer_delete",
    "officer_edit",
    "officer_end",
    "rat_create",
    "rat_edit",
    "step_delete",
    "step_edit",
    "unit_create",
    "unit_delete",
    "unit_edit",
    "unit_status",
]
