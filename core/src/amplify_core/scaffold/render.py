"""A deliberately tiny template language, so the template stays readable as real files.

Two things are recognised, nothing else:

* ``{{ name }}`` placeholders, in file contents and in paths. ``{{ name|quoted }}`` inserts the
  value as a double-quoted string literal that is valid both in Python and in TOML;
  ``{{ name|docstring }}`` escapes it for a Python docstring. An unknown name is an error, so
  a typo in the template cannot reach a generated plugin.
* Directive lines that keep or drop the lines between them and ``[[end]]``::

      # [[if kind=frontend,provider]]      (also: <!-- [[if …]] --> in Markdown)
      # [[if kind!=util]]
      # [[if event=post_push]]             true when that event was chosen
      # [[if events=any]]                  any event chosen (events=none: no event)
      # [[end]]

  Directive lines themselves never reach the output; blocks nest.

Because directives are comments, every template file is still a valid Python, TOML, YAML or
Markdown file that a person can copy by hand and edit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from ..errors import OperationError

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*)\s*(?:\|\s*([a-z]+)\s*)?\}\}")
DIRECTIVE = re.compile(
    r"^\s*(?:#|<!--)\s*\[\[\s*(?:if\s+(?P<key>[a-z_]+)\s*(?P<op>!?=)\s*(?P<values>[a-z0-9_,\s-]+?)|(?P<end>end))\s*\]\]\s*(?:-->)?\s*$"
)
FILTERS = {
    # A double-quoted string literal, valid in Python and in TOML alike.
    "quoted": lambda value: json.dumps(value, ensure_ascii=False),
    # Text inside a Python triple-quoted docstring.
    "docstring": lambda value: value.replace("\\", "\\\\").replace('"""', '\\"\\"\\"'),
}


class TemplateError(OperationError):
    """The template itself is broken (an unknown placeholder, an unclosed block)."""


@dataclass(frozen=True)
class Selection:
    """What a directive can ask about: the plugin's kind and the events it handles."""

    kind: str
    events: Collection[str]

    def holds(self, key: str, op: str, values: list[str], where: str) -> bool:
        if key == "kind":
            found = self.kind in values
        elif key == "event":
            found = any(v in self.events for v in values)
        elif key == "events":
            if values not in (["any"], ["none"]):
                raise TemplateError(f"{where}: 'events' takes 'any' or 'none', not {','.join(values)}")
            found = bool(self.events) == (values == ["any"])
        else:
            raise TemplateError(f"{where}: unknown directive key {key!r} (kind, event, events)")
        return found if op == "=" else not found


def substitute(text: str, variables: Mapping[str, str], where: str) -> str:
    """Replace every ``{{ name }}``; an unknown name or filter is a TemplateError."""

    def replace(match: re.Match[str]) -> str:
        name, filter_name = match.group(1), match.group(2)
        if name not in variables:
            raise TemplateError(f"{where}: unknown placeholder {{{{ {name} }}}}")
        value = variables[name]
        if filter_name is None:
            return value
        if filter_name not in FILTERS:
            raise TemplateError(f"{where}: unknown filter |{filter_name}")
        return FILTERS[filter_name](value)

    return PLACEHOLDER.sub(replace, text)


def select_lines(text: str, selection: Selection, where: str) -> str:
    """Drop the blocks whose directive does not hold, and every directive line."""
    kept: list[str] = []
    stack: list[bool] = []
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        match = DIRECTIVE.match(line.rstrip("\n"))
        if match is None:
            if all(stack):
                kept.append(line)
            continue
        if match.group("end"):
            if not stack:
                raise TemplateError(f"{where}:{number}: [[end]] without [[if]]")
            stack.pop()
            continue
        values = [v.strip() for v in match.group("values").split(",") if v.strip()]
        stack.append(selection.holds(match.group("key"), match.group("op"), values, f"{where}:{number}"))
    if stack:
        raise TemplateError(f"{where}: {len(stack)} [[if]] block(s) never closed with [[end]]")
    return "".join(kept)


def tidy(text: str) -> str:
    """At most two blank lines in a row, and exactly one newline at the end."""
    text = re.sub(r"\n{4,}", "\n\n\n", text)
    return text.rstrip("\n") + "\n" if text.strip() else ""


def render_text(text: str, variables: Mapping[str, str], selection: Selection, where: str) -> str:
    return tidy(substitute(select_lines(text, selection, where), variables, where))
