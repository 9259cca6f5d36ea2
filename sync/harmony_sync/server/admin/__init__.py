"""The programme office's web console at ``/admin``: sync health, devices, hubs, audit log.

Rendered on the server from Jinja2 templates (no JavaScript at all); see
``sync/README.md`` ("The web console"). ``web.install_console`` adds it to the API app;
``cli`` adds ``harmony-sync admin add-user`` and ``harmony-sync admin health``.
"""
