"""Sub-commands of the ``broadsheet`` CLI, one module each.

Each module has ``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``.
"""
