"""The command-line interface. Modules named cmd_*.py add sub-commands."""
