"""The word catalogue keeps its promise: every text the code shows people (an error's
``Msg("...")``, a report's ``word(lang, "...")``) has a word in every language, no
catalogue keeps a text the code no longer shows, a translation keeps the {fields} of its
English text, and the render layer writes no Vietnamese of its own.

The texts are found by reading the code (its syntax tree), following a text given by
name to where the name is set: a constant, a local variable, a function's parameter (to
the calls of that function), a lookup in a table of words. A text the reading cannot
follow fails the first test, which names the line: write it as a literal there.
"""

from __future__ import annotations

import ast
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import ROOT

from tracker.words import LANGUAGES, catalogue

PACKAGE = ROOT / "tracker"
KEY_ARGUMENT = {"Msg": 0, "word": 1}  # the functions that take a text, and which argument holds it


@dataclass
class Source:
    """One module of tracker, parsed."""

    path: Path
    tree: ast.Module
    parents: dict[ast.AST, ast.AST] = field(default_factory=dict)
    constants: dict[str, ast.expr] = field(default_factory=dict)  # module-level NAME = value
    imported: dict[str, str] = field(default_factory=dict)  # name -> the module it is imported from

    @classmethod
    def read(cls, path: Path) -> Source:
        """Parse ``path`` and note its parents, constants and imports."""
        source = cls(path, ast.parse(path.read_text(encoding="utf-8")))
        for node in ast.walk(source.tree):
            for child in ast.iter_child_nodes(node):
                source.parents[child] = node
        for statement in source.tree.body:
            if isinstance(statement, ast.Assign):
                pairs = [(target, statement.value) for target in statement.targets]
            elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
                pairs = [(statement.target, statement.value)]
            else:
                continue
            for target, value in pairs:
                if isinstance(target, ast.Name):
                    source.constants[target.id] = value
        for node in ast.walk(source.tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tracker"):
                for alias in node.names:
                    source.imported[alias.asname or alias.name] = node.module
        return source

    def enclosing(self, node: ast.AST) -> Iterator[ast.FunctionDef]:
        """The functions around ``node``, innermost first."""
        parent = self.parents.get(node)
        while parent is not None:
            if isinstance(parent, ast.FunctionDef):
                yield parent
            parent = self.parents.get(parent)


def module_name(path: Path) -> str:
    """tracker/render/views/show.py -> tracker.render.views.show"""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


SOURCES = {module_name(path): Source.read(path) for path in sorted(PACKAGE.rglob("*.py"))}


class Texts:
    """Every text the code passes to Msg or word, and the places none could be found."""

    def __init__(self) -> None:
        self.keys: set[str] = set()
        self.unfollowed: list[str] = []
        for source in SOURCES.values():
            for node in ast.walk(source.tree):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in KEY_ARGUMENT:
                    index = KEY_ARGUMENT[node.func.id]
                    if len(node.args) > index and not isinstance(node.args[index], ast.Starred):
                        self.follow(node.args[index], source, node)

    def follow(self, expr: ast.expr, source: Source, at: ast.AST, depth: int = 0) -> None:
        """Note the texts ``expr`` (at ``at`` in ``source``) can be."""
        found = None if depth > 8 else self.texts(expr, source, at, depth)
        if found is None:
            where = f"{source.path.relative_to(ROOT)}:{getattr(expr, 'lineno', '?')}"
            self.unfollowed.append(f"{where}: {ast.unparse(expr)}")
        else:
            self.keys.update(found)

    def texts(self, expr: ast.expr, source: Source, at: ast.AST, depth: int) -> list[str] | None:
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return [expr.value]
        if isinstance(expr, ast.IfExp):
            return self.each([expr.body, expr.orelse], source, at, depth)
        if isinstance(expr, ast.Subscript) and isinstance(expr.value, ast.Name):  # WORDS[x]: any word of the table
            return self.table(expr.value.id, source, at, depth)
        if (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr == "get"
                and isinstance(expr.func.value, ast.Name)):  # fmt: skip
            words = self.table(expr.func.value.id, source, at, depth)
            default = self.each(expr.args[1:], source, at, depth)
            return None if words is None or default is None else words + default
        if isinstance(expr, ast.Name):
            return self.named(expr.id, source, at, depth)
        return None

    def each(self, exprs: list[ast.expr], source: Source, at: ast.AST, depth: int) -> list[str] | None:
        found: list[str] = []
        for expr in exprs:
            texts = self.texts(expr, source, at, depth + 1)
            if texts is None:
                return None
            found += texts
        return found

    def table(self, name: str, source: Source, at: ast.AST, depth: int) -> list[str] | None:
        value = self.constant(name, source)
        if not isinstance(value, ast.Dict):
            return None
        return self.each(list(value.values), source, at, depth)

    def constant(self, name: str, source: Source) -> ast.expr | None:
        home = self.home(name, source)
        return None if home is None else home.constants[name]

    def home(self, name: str, source: Source) -> Source | None:
        """The module that sets the constant ``name`` seen in ``source``, through imports."""
        for _ in range(8):  # a re-export of a re-export...
            if name in source.constants:
                return source
            imported = SOURCES.get(source.imported.get(name, ""))
            if imported is None:
                return None
            source = imported
        return None

    def named(self, name: str, source: Source, at: ast.AST, depth: int) -> list[str] | None:
        """A name: a local variable, a parameter (followed to the calls), or a constant."""
        for function in source.enclosing(at):
            assigned = [
                node.value
                for node in ast.walk(function)
                if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
            ]
            if assigned:
                return self.each(assigned, source, function, depth)
            parameters = [a.arg for a in function.args.args]
            if name in parameters:
                return self.arguments(function, parameters.index(name), name, source, depth)
        home = self.home(name, source)
        if home is None:
            return None
        value = home.constants[name]
        return self.texts(value, home, value, depth + 1)

    def arguments(
        self, function: ast.FunctionDef, index: int, name: str, source: Source, depth: int
    ) -> list[str] | None:
        """What the calls of ``function`` in its module pass as parameter ``name``
        (None when it has no such call: its callers are out of sight). A method
        (``self`` first) is followed through its calls as ``anything.method(...)``."""
        given = []
        method = bool(function.args.args) and function.args.args[0].arg == "self"
        for node in ast.walk(source.tree):
            if not isinstance(node, ast.Call):
                continue
            if method and isinstance(node.func, ast.Attribute) and node.func.attr == function.name:
                position = index - 1
            elif not method and isinstance(node.func, ast.Name) and node.func.id == function.name:
                position = index
            else:
                continue
            argument = node.args[position] if len(node.args) > position else None
            given.append(next((k.value for k in node.keywords if k.arg == name), argument))
        if not given or None in given:
            return None
        return self.each([g for g in given if g is not None], source, function, depth)


TEXTS = Texts()


def test_every_text_shown_is_found_by_reading_the_code() -> None:
    """Each Msg and word call's text can be followed to literals (so the checks below see
    every text); the reading finds a reasonable number of them."""
    assert TEXTS.unfollowed == []
    assert len(TEXTS.keys) > 150


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_every_text_shown_has_a_word_in_every_language(lang: str) -> None:
    """No English shows through in another language: every text the code shows is in its catalogue."""
    assert sorted(TEXTS.keys - set(catalogue(lang))) == []


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_every_word_in_a_catalogue_is_shown_somewhere(lang: str) -> None:
    """A catalogue keeps no text the code no longer shows (a stale entry hides a rewording)."""
    assert sorted(set(catalogue(lang)) - TEXTS.keys) == []


def fields(template: str) -> list[tuple[str, str | None, str]]:
    """The {fields} of a template with their conversion and format, in order."""
    return sorted(
        (name, conversion, spec or "")
        for _, name, spec, conversion in string.Formatter().parse(template)
        if name is not None
    )


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_each_translation_keeps_the_fields_of_its_english_text(lang: str) -> None:
    """A translation fills in the same values, converted the same way: a field renamed by
    mistake would fail only when that message is shown."""
    wrong = {key: text for key, text in catalogue(lang).items() if fields(key) != fields(text)}
    assert wrong == {}


def test_english_is_the_key_itself_and_an_unknown_language_reads_english() -> None:
    """English needs no catalogue, and a language without one falls back to English."""
    from tracker.words import word

    assert word("en", "Not met") == "Not met"
    assert word("xx", "Not met") == "Not met"
    assert word("vi", "Not met") == "Không đạt"
    assert word("vi", "retracts {entry}", entry="abc") == "hủy bản ghi abc"


def _vietnamese(text: str) -> bool:
    return any(char.isalpha() and not char.isascii() for char in text)


def test_the_render_layer_writes_no_words_of_its_own() -> None:
    """Every word render/ and messages.py show comes from the catalogue: no string in
    their code (docstrings aside) holds a Vietnamese letter."""
    found = []
    for name, source in SOURCES.items():
        if not (name.startswith("tracker.render") or name == "tracker.messages"):
            continue
        for node in ast.walk(source.tree):
            docstring = isinstance(source.parents.get(node), ast.Expr)
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and not docstring
                and _vietnamese(node.value)
            ):
                found.append(f"{source.path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert found == []
