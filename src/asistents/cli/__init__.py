"""The command-line shell: one small module per command, joined in :mod:`.app`."""
