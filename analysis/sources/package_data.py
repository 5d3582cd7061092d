"""Reading the package's own data files (``analysis/data/*.yml``), in one way.

Phrase lists, judgement frameworks, the KPI report layout, document structure and the indicator
catalogue are YAML files a user may edit. Each is read here, so that a missing file, a YAML
syntax error, a top level of the wrong kind or a missing section all stop with one message that
names the file and the problem, never a ``KeyError`` deep inside a parser.
"""

from pathlib import Path

import yaml

from analysis.contract.errors import InputError

#: libyaml's loader when PyYAML was built with it (its wheels are): the same documents, read
#: far faster than by the pure-Python one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path, what: str, expect: type = dict, required: tuple[str, ...] = ()):
    """Read one YAML data file and check its shape.

    Args:
        path: the file.
        what: what the file holds, for messages (e.g. ``"tone lexicon"``).
        expect: the type of the top level, ``dict`` or ``list``.
        required: keys a mapping must have.

    Returns:
        The parsed top level (a dict or a list).

    Raises:
        InputError: the file is missing, is not valid YAML, its top level is not ``expect``,
            or a required key is missing; the message names the file.
    """
    path = Path(path)
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=_LOADER)
    except FileNotFoundError:
        raise InputError(f"{path}: {what} not found") from None
    except yaml.YAMLError as err:
        raise InputError(f"{path}: not valid YAML ({err})") from None
    if not isinstance(data, expect):
        kind = "mapping" if expect is dict else "list"
        raise InputError(f"{path}: expected the {what} as a YAML {kind} at the top level")
    missing = [key for key in required if key not in data]
    if missing:
        raise InputError(f"{path}: {what} lacks {', '.join(repr(k) for k in missing)}")
    return data
