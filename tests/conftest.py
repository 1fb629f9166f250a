"""Shared fixtures. The network is blocked for every test (pytest-socket, see pyproject)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from kg.build.load import read_data
from kg.build.pipeline import build_and_write
from kg.layout import Layout

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

#: Modules whose tests start servers, drive a browser, run property-based searches or build many
#: broken copies of the project (each build a second or so): left out of
#: the quick loop (`pytest -m "not slow" -n 2`), run by `make test` and CI.
SLOW_MODULES = {"test_browser", "test_endpoint_defects", "test_fuzz", "test_fuzz_serve", "test_graphstore", "test_hostile",
                "test_link", "test_materialise", "test_serve", "test_bad_input", "test_export_properties",
                "test_virtuoso", "test_report", "test_temporal", "test_output_paths"}
SLOW_TESTS = {"test_who_did_what", "test_rebuild_is_byte_identical", "test_raw_owlrl_produces_the_junk_we_clean",
              # issue 23's applies run as processes (concurrent, killed) and a build refused mid-way: seconds each
              "test_two_applies_at_once_both_land_and_a_killed_ones_folder_goes",
              "test_a_killed_apply_leaves_data_whole_and_the_next_removes_its_folder",
              "test_a_malformed_review_stops_the_build_before_anything_is_written",
              "test_adopted_documents",
              # a second or so each on the grown graph (234 records): in `make test`, to keep the quick loop under 30 s
              "test_the_cli_exits_0_whatever_the_verdicts_and_3_for_a_text_it_cannot_read", "test_figure_disagreements",
              "test_store_refuses_a_folder_it_did_not_make", "test_names_with_and_without_diacritics_and_on_for_variants",
              "test_export_formats", "test_export_inferred_and_trig",  # each a whole build
              "test_ranks_decide_the_direct_triples",
              # kg ingest's workflow: reviews written, re-read, applied and built in project copies
              "test_the_cli_ingests_validates_with_warnings_and_applies", "test_apply_moves_accepted_candidates_and_the_article_whole",
              "test_apply_that_would_break_the_build_changes_nothing", "test_a_changed_article_reopens_its_review",
              "test_a_repeated_run_keeps_decisions_and_never_reproposes_a_rejection", "test_apply_refuses_a_review_whose_article_changed",
              "test_validate_warns_while_candidates_are_pending", "test_the_benchmark_meets_its_goal_on_the_held_articles",
              "test_apply_to_values_already_in_the_long_form_writes_them_back_clean",
              # kg explain: the command in subprocesses, a project built with a new holding, the property search
              "test_the_cli_explains_and_refuses_what_does_not_hold", "test_a_time_aware_derivation",
              "test_every_recorded_derivation_is_valid", "test_the_derivations_file_conforms_to_its_shapes",
              # a second or more each, with a quicker sibling in the loop: every output format but the
              # table, the statistics of a whole build, the five queries of a context-read date, the
              # TriG read back whole, the server's store reloaded, a bug's 500, the pipeline's tokenizer
              "test_stats", "test_a_date_read_from_context_says_so_wherever_it_is_shown", "test_query_json_and_xml",
              "test_query_csv_and_tsv", "test_trig_reads_back_to_the_turtle_and_has_one_graph_per_article",
              "test_store_is_loaded_once_and_reloaded_when_dist_changes", "test_a_bug_is_a_500_without_internals",
              "test_the_folders_tokenizer_is_the_one_the_pipeline_builds",
              # rdflib's engine on the statement nodes, seconds each (the build runs its checks on Oxigraph)
              "test_disagreements", "test_as_of", "test_every_fact_reaches_its_evidence_in_one_pattern",
              # the whole graph parsed again or a store filled twice, a second and more each
              "test_jsonld_file_parses_as_published_without_network", "test_inferred_contains_asserted",
              "test_a_bad_dist_leaves_the_old_store_whole"}


def pytest_collection_modifyitems(items):
    for item in items:
        # the tests of dist/graph.trig read back whole (rdflib parses it in five seconds): in `make test`
        reads_trig = "trig" in getattr(item, "fixturenames", ())
        if item.module.__name__.rsplit(".", 1)[-1] in SLOW_MODULES or item.originalname in SLOW_TESTS or reads_trig:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def layout() -> Layout:
    return Layout(ROOT)


@pytest.fixture(scope="session")
def _written(tmp_path_factory, layout):
    """One real build of the project's own data, written into a temporary dist/: its result and
    the folder (the two fixtures below share it, so a session builds once)."""
    out = tmp_path_factory.mktemp("build") / "dist"
    return build_and_write(layout, out), out


@pytest.fixture(scope="session")
def built(_written):
    """The graph built in memory from the project's own data (tests only read it)."""
    return _written[0]


@pytest.fixture(scope="session")
def dist(_written) -> Path:
    """dist/ written by a real build into a temporary folder."""
    return _written[1]


@pytest.fixture(scope="session")
def trig(dist) -> Dataset:
    """dist/graph.trig, parsed once for the tests that read it (they only read it)."""
    return Dataset().parse(dist / "graph.trig", format="trig")


@pytest.fixture(scope="session")
def inferred_graph(dist) -> Graph:
    return Graph().parse(dist / "graph-inferred.ttl")


@pytest.fixture
def project(tmp_path) -> Layout:
    """A private copy of the project's inputs that a test may break."""
    for name in ("data", "ontology", "queries"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return Layout(tmp_path)


# The graph the ingest fixtures and the development set were written against, frozen with the set
# (its README): the live graph has since come to hold Congresses those articles announce as new.
FROZEN = FIXTURES / "ingest" / "corpus" / "graph"


@pytest.fixture(scope="session")
def gazetteer():
    """The names of the frozen graph, for the reader's tests (spaCy imported only where wanted)."""
    from kg.ingest.names import Gazetteer

    return Gazetteer.from_fields([r.fields for r in read_data(Layout(FROZEN)).records])


@pytest.fixture
def frozen_project(tmp_path) -> Layout:
    """A private copy of the project whose records are the frozen graph's."""
    for name in ("data", "ontology", "queries"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.rmtree(tmp_path / "data" / "records")
    shutil.copytree(FROZEN / "data" / "records", tmp_path / "data" / "records")
    return Layout(tmp_path)
