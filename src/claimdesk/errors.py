"""The one exception the CLI turns into a clean message and a non-zero exit."""


class ClaimdeskError(Exception):
    """An expected failure, worded for a newsroom editor: it names the file, line, claim and
    field, so no traceback is needed."""
