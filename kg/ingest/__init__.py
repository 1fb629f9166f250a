"""`kg ingest`: a news article in, candidate records with their quoted sentences out, for review.

The way through: ``article`` reads the text and splits it into the sentences the build accepts as
quotes; ``names`` finds the graph's entities in it; ``recognise`` and ``timing`` find dates
(written and relative), figures and plans; ``parse`` parses each sentence with the pinned English
pipeline; ``propose`` reads what each sentence says (identity and reference in ``reference``, the
rules in ``relations``, ``acts``, ``holdings``, ``counts`` and ``cues``) into facts; ``compare`` makes the
candidate records against the graph; ``review`` keeps them in data/review/ARTICLE_ID.yaml with the
curator's decisions; ``apply`` moves the accepted ones into data/records/, whole or not at all.
Offline and deterministic: the pipeline is installed with the project (nothing is downloaded at
run time), and the same article and graph give the same file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from kg.build.load import read_data
from kg.decisions import Decision
from kg.ingest.article import Article, read_article
from kg.ingest.names import Gazetteer
from kg.ingest.propose import propose
from kg.ingest.review import Entry, Review, merge, read_review, text_file, write_review
from kg.layout import Layout
from kg.rdf.files import write_text_atomic

__all__ = ["Ingested", "ingest", "source_record"]


@dataclass(frozen=True)
class Ingested:
    review: Review
    path: Path  # the review file
    reopened: bool  # the article's text changed since the last run
    new: int  # candidates this run added to the review

    def count(self, status: str) -> int:
        return sum(1 for e in self.review.entries if e.status == status)

    @property
    def pending(self) -> int:
        return len(self.review.decided(Decision.PENDING))

    @property
    def conflicts(self) -> int:
        return sum(1 for e in self.review.entries if e.conflicts)


def source_record(article: Article) -> dict:
    """The article's record for data/records/sources.yaml, as the curated ones are written."""
    first = article.sentences[0].text if article.sentences else article.id
    first = re.sub(r"^[A-Z][A-Z .’'-]+,[^.]{0,60}?\d{1,2}\.\s*", "", first) or first  # not the dateline
    label = article.title or (first if len(first) <= 100 else first[:97].rsplit(" ", 1)[0] + "…")
    day = f"{article.published.day} {article.published:%B %Y}"
    record = {"id": article.id, "type": "NewsArticle", "label": f"{label} (news article, {day})",
              "sourceFile": f"sources/{article.id}.txt", "datePublished": article.published.isoformat()}
    if article.title:
        record["headline"] = article.title
    if article.publisher:
        record["publisherName"] = article.publisher
    if article.url:
        record["url"] = article.url
    if not article.title:
        record["note"] = "The label is taken from the article's first sentence by `kg ingest`; a curator may shorten it."
    record["evidence"] = [{"source": article.id, "quote": f"date {article.published.isoformat()}"}]
    return record


def ingest(layout: Layout, path: Path, article_id: str, published: dt.date | None = None, *, publisher: str | None = None,
           url: str | None = None, title: str | None = None) -> Ingested:
    """Read an article, propose its candidate records, and write (or update) its review. Changes
    nothing in data/records/."""
    article = read_article(path, article_id, published, publisher=publisher, url=url, title=title)
    raw = read_data(layout)
    gazetteer = Gazetteer.from_fields([r.fields for r in raw.records])
    candidates = propose(article, gazetteer)
    fresh = Review(article.id, article.sha256, source_record(article), [Entry.of(c) for c in candidates])
    old = read_review(layout, article.id)
    review = merge(old, fresh)
    before = {e.proposal for e in old.entries} if old else set()
    write_text_atomic(text_file(layout, article.id), article.text)
    review_path = write_review(layout, review)
    return Ingested(review, review_path, bool(old and old.text_sha256 != article.sha256),
                    sum(1 for e in review.entries if e.proposal not in before))
