"""Every word a person reads, in each language: one catalogue per language.

The key of every text is its English wording, written where it is used: an error as
``Msg("no target {id!r}", id=...)`` (tracker.messages), a report's words as
``word(lang, "Not met")``. English needs no catalogue: its text is the key. Each other
language has one module mapping every key to its text (``tracker/words/vi.py``), with the
same {fields}; tests/words/test_catalogue.py fails while a key the code uses has no
translation, or a translation is no longer used.

Adding a text: write it in English where it is shown and add it to each catalogue.
Adding a language: a catalogue module beside vi.py, a line in ``_load`` below and the
language in ``LANGUAGES``.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("vi", "en")

_ENGLISH: Mapping[str, str] = {}  # the key is the English text
_LOADED: dict[str, Mapping[str, str]] = {"en": _ENGLISH}


def catalogue(lang: str) -> Mapping[str, str]:
    """The catalogue of ``lang``; a language without one reads English."""
    found = _LOADED.get(lang)
    if found is None:
        found = _LOADED[lang] = _load(lang)
    return found


def _load(lang: str) -> Mapping[str, str]:
    # Imported on first use: a run in English never loads the Vietnamese texts.
    if lang == "vi":
        from tracker.words.vi import VI

        return VI
    return _ENGLISH


def translated(lang: str, key: str) -> str:
    """The text ``key`` (English) in ``lang``, its {fields} not yet filled in; the English
    text when the language has no word for it."""
    return catalogue(lang).get(key, key)


def word(lang: str, key: str, **values: object) -> str:
    """The word or phrase ``key`` in ``lang``, with ``values`` filled in as they are."""
    text = catalogue(lang).get(key, key)
    return text.format(**values) if values else text
