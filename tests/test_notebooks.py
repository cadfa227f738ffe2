"""Every notebook follows the conventions and executes on the bundled corpus, and its outputs are checked."""

from __future__ import annotations

import ast
import io
import re
import tokenize

import nbformat
import pandas as pd
import pytest

from lib import paths, report

NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("*.ipynb"))
IDS = [nb.stem for nb in NOTEBOOKS]


def cells(nb_path):
    return nbformat.read(str(nb_path), as_version=4).cells


def test_there_are_notebooks():
    assert NOTEBOOKS


def test_names_have_unique_two_digit_prefixes():
    assert all(report.NOTEBOOK_NAME.match(nb.name) for nb in NOTEBOOKS), IDS
    prefixes = [nb.name[:2] for nb in NOTEBOOKS]
    assert len(prefixes) == len(set(prefixes))


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=IDS)
def test_first_cell_is_the_only_h1_and_asks_a_question(nb_path):
    nb = cells(nb_path)
    assert nb[0].cell_type == "markdown"
    first_line = nb[0].source.strip().splitlines()[0]
    assert first_line.startswith("# ") and first_line.endswith("?"), first_line
    h1 = [line for c in nb if c.cell_type == "markdown" for line in c.source.splitlines() if line.startswith("# ")]
    assert h1 == [first_line]
    assert "**Overview.**" in nb[0].source and "**Prerequisites.**" in nb[0].source


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=IDS)
def test_second_cell_is_the_only_parameters_cell_of_annotated_literals(nb_path):
    nb = cells(nb_path)
    tagged = [i for i, c in enumerate(nb) if "parameters" in c.metadata.get("tags", [])]
    assert tagged == [1]
    source = nb[1].source
    for statement in ast.parse(source).body:
        assert isinstance(statement, ast.AnnAssign), ast.unparse(statement)
        ast.literal_eval(statement.value)  # literals only: derived values belong after the imports
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    commented = {t.start[0] for t in tokens if t.type == tokenize.COMMENT}
    for statement in ast.parse(source).body:
        assert statement.lineno in commented, f"parameter on line {statement.lineno} has no trailing comment"


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=IDS)
def test_papermill_sees_every_parameter_with_its_help(nb_path):
    declared = [s.target.id for s in ast.parse(cells(nb_path)[1].source).body]
    seen = report.notebook_parameters(nb_path)
    assert list(seen) == declared  # papermill silently drops a line it cannot parse
    assert all(p["help"] for p in seen.values())


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=IDS)
def test_committed_without_outputs(nb_path):
    for c in cells(nb_path):
        if c.cell_type == "code":
            assert not c.outputs and c.execution_count is None


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=IDS)
def test_ends_with_summary_exercises_provenance_and_installs_nothing(nb_path):
    nb = cells(nb_path)
    markdown = "\n".join(c.source for c in nb if c.cell_type == "markdown")
    for heading in ("## Summary", "## Exercises", "## Provenance"):
        assert heading in markdown
    assert nb[-1].cell_type == "code" and "provenance(" in nb[-1].source
    assert nb[-2].cell_type == "markdown" and nb[-2].source.rstrip().endswith("## Provenance")
    code = "\n".join(c.source for c in nb if c.cell_type == "code")
    assert not re.search(r"nltk\.download|^\s*[!%]pip|HTML\(", code, flags=re.M)
    imports = [i for i, c in enumerate(nb) if c.cell_type == "code" and re.search(r"^(import|from) ", c.source, re.M)]
    assert imports == [2], "one imports cell, right after the parameters"


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=IDS)
def test_says_each_thing_once_and_honours_the_runner_contract(nb_path):
    nb = cells(nb_path)
    declared = [s.target.id for s in ast.parse(nb[1].source).body]
    assert {"corpus", "on_bad_file", "tables_dir", "cache_dir"} <= set(declared)
    assert nb[3].source.startswith("checked = params.validate(globals(),")  # one declarative validation call
    code = "\n".join(c.source for c in nb if c.cell_type == "code")
    assert code.count("params.validate(") == 1 and "params.check_range(" not in code
    assert "save_table = table_writer(tables_dir)" in nb[3].source
    assert not re.search(r"^\s*(from lib\.report|import lib\.report|from lib import .*\breport\b)", code, re.M)
    assert re.match(r"provenance\((checked,|\{\*\*checked,)", nb[-1].source)  # from the parameters, not retyped
    assert "skipped_files(" in code and "errors=on_bad_file" in code and "cache_dir=cache_dir" in code


# ---------------------------------------------------------------- execution on the bundled corpus
@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    cache = tmp_path_factory.mktemp("cache")  # kernels started by tests never write into the project's .cache
    results = report.run_all(NOTEBOOKS, {}, out, jobs=2, progress=False, cache_dir=cache)
    return out, {r.name: r for r in results}


@pytest.mark.notebook
@pytest.mark.parametrize("name", IDS)
def test_notebook_executes_and_renders(rendered, name):
    out, results = rendered
    assert results[name].status == "ok", results[name].error
    for page in (f"{name}.html", f"{name}.code.html", f"{name}.ipynb"):
        assert (out / page).stat().st_size > 1000
    executed = nbformat.read(str(out / f"{name}.ipynb"), as_version=4)
    outputs = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = (out / f"{name}.html").read_text(encoding="utf-8")
    assert "data:image/png;base64" in html, "every notebook shows at least one figure"
    assert name in (out / "index.html").read_text(encoding="utf-8")


@pytest.mark.notebook
def test_corpus_overview_outputs(rendered):
    out, _ = rendered
    tables = out / "00_corpus_overview"
    articles = pd.read_csv(tables / "articles.csv")
    assert len(articles) == 5 and articles["words"].gt(300).all()
    audit = pd.read_csv(tables / "cleaning_audit.csv")
    assert set(audit["rule"]) >= {"related_links", "breadcrumb", "byline", "date_line"}
    shared = pd.read_csv(tables / "shared_passages.csv")
    pairs = set(zip(shared["doc_a"].str[:3], shared["doc_b"].str[:3]))
    assert ("000", "001") in pairs  # the Dmitriev quote to Fox News, reported by both
    assert ("003", "004") in pairs  # Grushko's statement to Izvestia, reported by both
    dmitriev = shared[shared["text_a"].str.contains("may be acceptable") & shared["text_b"].str.contains("acceptable")]
    assert len(dmitriev) >= 1


@pytest.mark.notebook
def test_entity_counts_outputs(rendered):
    out, _ = rendered
    counts = pd.read_csv(out / "01_entity_counts" / "mentions_per_actor.csv").set_index("actor_id")
    assert counts.loc["dmitriev", "mentions_with_roles"] == 35  # hand count: 28 by name + 7 role descriptions
    assert counts.loc["dmitriev", "mentions"] == 28
    assert counts["mentions_with_roles"].ge(counts["mentions"]).all()
    forms = pd.read_csv(out / "01_entity_counts" / "surface_forms.csv")
    merged = forms.set_index("surface").loc["Whitkoff"]  # the misspelling was merged, and shown as such
    assert (merged["actor_id"], merged["match_kind"]) == ("witkoff", "fuzzy")


@pytest.mark.notebook
def test_topic_frequency_outputs_are_complete_and_deterministic(rendered, tmp_path):
    out, _ = rendered
    by_article = pd.read_csv(out / "03_topic_frequency" / "topic_frequency_by_article.csv")
    topics = pd.read_csv(paths.TOPICS)["topic"].nunique()
    assert len(by_article) == 5 * topics  # every article × every topic, zeros included
    assert by_article.groupby("doc_id")["words"].nunique().eq(1).all()
    again = report.run_all([paths.NOTEBOOKS / "03_topic_frequency.ipynb"], {}, tmp_path / "again", jobs=1,
                           progress=False, cache_dir=tmp_path / "cache")
    assert again[0].status == "ok"
    for table in sorted((out / "03_topic_frequency").glob("*.csv")):
        assert (tmp_path / "again" / "03_topic_frequency" / table.name).read_bytes() == table.read_bytes(), table.name


@pytest.mark.notebook
def test_coverage_comparison_says_what_the_bundled_corpus_cannot_compare(rendered):
    out, _ = rendered
    possible = pd.read_csv(out / "04_coverage_by_outlet_and_time" / "comparisons_possible.csv").set_index("comparison")
    assert not possible["possible"].any()
    assert possible.loc["over time", "detail"].startswith("only one article has a date (2025-04-05); 4 undated")
    assert possible.loc["by outlet", "detail"] == "no article has a value for outlet"


@pytest.mark.notebook
def test_sentiment_shows_n_and_validates_against_the_shipped_labels(rendered):
    from lib import sentiment as sent

    out, _ = rendered
    tables = out / "02_sentiment_per_actor"
    summary = pd.read_csv(tables / "tone_summary.csv")
    assert summary["too_few"].equals(summary["n"] < 3)  # the default min_units
    template = pd.read_csv(tables / "tone_validation_template.csv", dtype={"doc_id": str})
    shipped = pd.read_csv(paths.TONE_LABELS, dtype={"doc_id": str})
    assert len(template) == 25 and template[["doc_id", "sent_id", "actor_id"]].equals(
        shipped[["doc_id", "sent_id", "actor_id"]])  # the shipped example is the notebook's own sample
    labelled = pd.read_csv(tables / "tone_validation.csv")
    agreement = pd.read_csv(tables / "tone_validation_agreement.csv").set_index("comparison")
    row = agreement.loc["labels vs the tool"]
    assert row["n"] == 25
    assert row["kappa"] == pytest.approx(sent.cohen_kappa(labelled["label"], labelled["tool"]))
    html = (out / "02_sentiment_per_actor.html").read_text(encoding="utf-8")
    assert "too few (n=" in html and "no second student" in html


@pytest.mark.notebook
def test_explorer_renders_a_static_view_without_widget_scripts(rendered):
    out, _ = rendered
    lines = pd.read_csv(out / "05_explore" / "concordance.csv")
    assert len(lines) > 0 and lines["match"].str.lower().str.startswith("security guarantee").all()
    for page in ("05_explore.html", "05_explore.code.html"):
        html = (out / page).read_text(encoding="utf-8")
        assert "widget-state" not in html and "widget-view" not in html
        assert "open this notebook in JupyterLab" in html


@pytest.mark.notebook
def test_bundled_story_remarks_are_in_marked_boxes_on_the_bundled_corpus(rendered):
    out, _ = rendered
    for name in ("01_entity_counts", "03_topic_frequency"):
        page = (out / f"{name}.html").read_text(encoding="utf-8")
        assert 'class="note-bundled"' in page and "On the bundled corpus" in page, name
    boxed = (out / "01_entity_counts.html").read_text(encoding="utf-8").split('class="note-bundled"', 1)[1]
    assert "Whitkoff" in boxed.split("</div>", 1)[0]  # the story's example sits inside the box
