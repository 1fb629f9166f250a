"""The label search of the web view: every label of every entity (English, Azerbaijani,
alternatives), found by words, whatever the reader's keyboard spells."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

_FOLD = str.maketrans({"ə": "e", "ı": "i", "ğ": "g", "ş": "s", "ç": "c", "ö": "o", "ü": "u", "İ": "i", "Ə": "e"})


def fold(text: str) -> str:
    """Lower-case, without accents, Azerbaijani letters spelt in plain Latin (ə→e, ı→i, ş→s …),
    so that "Baki", "Bakı" and "BAKU" find what they should."""
    text = text.translate(_FOLD).casefold().translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


@dataclass(frozen=True)
class Hit:
    iri: str
    label: str  # the matching label
    lang: str
    main: str  # the entity's English label


class LabelIndex:
    """Labels (English, Azerbaijani, alternatives) of every entity, searchable by words."""

    def __init__(self, rows: list[dict]):
        self.entries = [(fold(r["label"]["value"]), Hit(r["e"]["value"], r["label"]["value"], r["label"].get("xml:lang", ""),
                                                         r.get("main", r["label"])["value"])) for r in rows]
        self.entities = len({hit.iri for _folded, hit in self.entries})

    def search(self, text: str, limit: int = 50) -> list[Hit]:
        words = fold(text).split()
        if not words:
            return []
        found: dict[str, tuple[tuple, Hit]] = {}
        for folded, hit in self.entries:
            if all(w in folded for w in words):
                rank = (folded != " ".join(words), not folded.startswith(words[0]), len(folded), hit.label)
                if hit.iri not in found or rank < found[hit.iri][0]:
                    found[hit.iri] = (rank, hit)
        return [hit for _rank, hit in sorted(found.values(), key=lambda x: x[0])][:limit]


