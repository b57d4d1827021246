"""People and access administered in the app (docs/tenancy.md, "People and access").

``selectors`` reads who is whose, ``services`` writes every change with its
history, ``forms`` parse the pages and ``views`` (district ``/pengguna/`` and
cooperative ``/k/<slug>/pengguna/``) only parse, call a service and render.
Who may do what is decided in ``kopdes/accounts/access.py``.
"""
