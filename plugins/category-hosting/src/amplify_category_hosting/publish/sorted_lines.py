"""The one key order and the line format of the files that list one entry per object.

The local MD5 cache (:mod:`.hash_cache`) and the publish record (:mod:`.manifest`) are read as
streams and compared with the folder's walk (:func:`.scan.walk`) by a merge join, so all three
must agree on one order: Python's ``str`` order of the keys, which is the order of their code
points and so of their UTF-8 bytes (S3 lists keys in that order too). Because ``/`` sorts after
``-`` and ``.``, ``a-b`` and ``a.txt`` come before everything under ``a/``.

A line is ``key\\tfield\\tfield…\\n``. The key is written as is unless it holds a tab or a
newline or starts with ``"``; then it is JSON-quoted. Files are read in binary mode and split
on ``\\n`` only, and decoded with ``surrogateescape`` (a file name that is not UTF-8 survives).
"""

from __future__ import annotations

import json

ENCODING = "utf-8"
ERRORS = "surrogateescape"


def key_field(key: str) -> str:
    """``key`` as the first field of a line."""
    if "\t" in key or "\n" in key or key.startswith('"'):
        return json.dumps(key, ensure_ascii=False)
    return key


def parse_key(field: str) -> str:
    """The key a :func:`key_field` wrote.

    :raises ValueError: a quoted field that is not a JSON string.
    """
    if not field.startswith('"'):
        return field
    key = json.loads(field)
    if not isinstance(key, str):
        raise ValueError("not a key")
    return key


def fields(line: bytes, count: int) -> list[str]:
    """The ``count`` tab-separated fields of one complete line (ending in ``\\n``).

    :raises ValueError: a truncated line, or another number of fields.
    """
    if not line.endswith(b"\n"):
        raise ValueError("truncated line")
    parts = line[:-1].decode(ENCODING, ERRORS).split("\t")
    if len(parts) != count:
        raise ValueError("wrong number of fields")
    return parts


def line(*parts: str) -> bytes:
    """One line of ``parts`` (the first already a :func:`key_field`)."""
    return ("\t".join(parts) + "\n").encode(ENCODING, ERRORS)
