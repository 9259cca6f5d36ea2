"""Everything that crosses the network: protocol, merge rules, client and central server.

The pieces shared by the desktop and the server (``hlc``, ``protocol``, ``merge``) import
neither Qt nor the server; import-linter contracts in ``pyproject.toml`` enforce that.
"""
