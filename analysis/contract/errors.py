"""The one exception type for bad input, so callers can report it cleanly."""


class InputError(ValueError):
    """Bad input: the message names the file, row, parameter or text position and the problem."""
