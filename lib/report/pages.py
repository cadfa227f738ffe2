"""The HTML pages: one per notebook flavour (offline, scripts forbidden, a failed cell shown as one line to
readers) and the index: the corpus in one line, warnings first, headline findings with links (lib.report.findings),
then every notebook with its question, status, run date, error and links; all corpus-derived text escaped."""

from __future__ import annotations

import html
import json
import re
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lib.report.execute import Result

__all__ = ["REPORT_CSP", "first_line", "harden", "merge_earlier", "notebook_title", "render", "strip_widgets",
           "write_index"]


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE = "(An interactive widget: open this notebook in JupyterLab, `make lab`, to use it.)"
REPORT_CSP = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; script-src 'none'; "
              "base-uri 'none'; form-action 'none'")


def first_line(text: str, *, limit: int = 500) -> str:
    """The first non-empty line of an error message, trimmed.

    >>> first_line("\\n  KeyError: 'x'\\nmore")
    "KeyError: 'x'"
    """
    return next((line.strip() for line in str(text).splitlines() if line.strip()), "")[:limit]


def render(notebook: Path, target: Path, *, code: bool) -> Path:
    """HTML with nbconvert's lab template: offline (no CDN scripts), images embedded, scripts forbidden by CSP.

    The reader flavour (``code=False``) hides code and shows a failed cell as its one-line error; the code
    flavour keeps the traceback.
    """
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", embed_images=True, mathjax_url="",
                            require_js_url="", jquery_url="", exclude_input=not code,
                            exclude_input_prompt=not code, exclude_output_prompt=not code, exclude_anchor_links=True)
    nb = nbformat.read(str(notebook), as_version=4)
    nb.cells = [c for c in nb.cells if "injected-parameters" not in c.get("metadata", {}).get("tags", []) or code]
    if not code:
        shorten_errors(nb)
    strip_widgets(nb)
    nb.metadata["title"] = notebook_title(nb) or notebook.stem
    body, _ = exporter.from_notebook_node(nb)
    target.write_text(harden(body), encoding="utf-8")
    return target


def shorten_errors(nb) -> None:
    """Replace each error output's traceback by the one line a reader needs (``ename: first line``)."""
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if output.get("output_type") == "error":
                message = first_line(output.get("evalue", ""))
                output["traceback"] = [f"{output.get('ename', 'Error')}: {message}".rstrip(": ")]


def strip_widgets(nb) -> None:
    """Drop widget state and widget views: a static page cannot run them, and nbconvert would otherwise add
    the widget manager's script from a CDN (no network, and reports forbid scripts). Each view becomes a note.

    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(metadata={"widgets": {}}, cells=[nbformat.v4.new_code_cell(outputs=[
    ...     nbformat.v4.new_output("display_data", {WIDGET_VIEW: {"model_id": "1"}, "text/plain": "VBox()"})])])
    >>> strip_widgets(nb); "widgets" in nb.metadata, nb.cells[0].outputs[0]["data"]["text/plain"] == WIDGET_NOTE
    (False, True)
    """
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if WIDGET_VIEW in output.get("data", {}):
                output["data"] = {"text/plain": WIDGET_NOTE}


def notebook_title(nb) -> str:
    """The text of the notebook's H1 (its question), for the page title."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^# (.+)$", cell.source, flags=re.M)
            if match:
                return match.group(1).strip()
    return ""


def harden(page: str) -> str:
    """Reports need no script: forbid every script by Content-Security-Policy and drop empty script tags, so
    corpus text that slipped past escaping could still not run (defence in depth).

    >>> "script-src 'none'" in harden("<html><head></head></html>")
    True
    """
    page = re.sub(r'<script src="">\s*</script>\s*', "", page)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{REPORT_CSP}">'
    return re.sub(r"<head>", "<head>\n" + meta, page, count=1)



STYLE = """body{font-family:system-ui,sans-serif;margin:2rem;max-width:75rem}table{border-collapse:collapse}
td,th{border-bottom:1px solid #ddd;padding:.4rem .6rem;text-align:left;vertical-align:top}
tr.failed td,tr.interrupted td{background:#fde8e8}tr.ok td:nth-child(3){color:#17702d}tr.earlier td{color:#666}
td:nth-child(2){min-width:16rem}td:nth-child(7){max-width:22rem;word-break:break-all}
p.interrupted{background:#fde8e8;padding:.6rem;font-weight:bold}
div.warnings{background:#fff4e5;border:2px solid #e0a040;border-radius:6px;padding:.3rem 1rem;margin:1rem 0}
p.corpus{font-size:1.05rem}ul.findings li{margin:.4rem 0}"""
OUTLETS_SHOWN = 8  # outlets named in the corpus line; the rest are counted


def merge_earlier(results: list[Result], earlier: list[Result], out: Path) -> list[tuple[Result, bool]]:
    """This run's results plus the notebooks an earlier run rendered into ``out`` and this run did not touch,
    as (result, from_this_run) pairs sorted by name."""
    names = {r.name for r in results}
    kept = [r for r in earlier if r.name not in names and (out / f"{r.name}.html").is_file()]
    rows = [(r, True) for r in results] + [(r, False) for r in kept]
    return sorted(rows, key=lambda row: row[0].name)


def write_index(results: list[Result], out: Path, *, earlier: list[Result] | None = None,
                interrupted: str = "") -> Path:
    """Write index.html and manifest.json. ``interrupted`` (a time) says the run was stopped then."""
    from lib.report.outputs import read_manifest

    rows = merge_earlier(results, read_manifest(out) if earlier is None else earlier, out)
    manifest = [{**asdict(r), "this_run": current} for r, current in rows]
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    failed = sum(r.status != "ok" for r, _ in rows)
    note = (f'<p class="interrupted">This run was interrupted at {html.escape(interrupted)} UTC: notebooks marked '
            "interrupted did not finish and their partial files were removed.</p>" if interrupted else "")
    findings = ""
    if not interrupted:  # an interrupted run stops fast: no table reading (pandas), no findings from partial tables
        from lib.report.findings import render_findings

        findings = render_findings(out)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Media-analysis reports</title>
<meta http-equiv="Content-Security-Policy" content="{REPORT_CSP}">
<style>{STYLE}</style></head><body>
<h1>Media-analysis reports: {html.escape(corpus_name(rows))}</h1>
{'' if interrupted else corpus_line(out)}{'' if interrupted else actors_line(out)}
{note}{warnings_block(rows, out, tables=not interrupted)}
<h2>Headline findings</h2>
{findings or "<p>No headline finding: the notebooks that would give one did not run or found nothing to count.</p>"}
<h2>Notebooks</h2>
<p>{len(rows)} notebook{"s" if len(rows) != 1 else ""}, {failed} failed. Generated by
<code>python -m lib.report</code>.</p>
<table><tr><th>notebook</th><th>question</th><th>status</th><th>time</th><th>pages</th><th>tables (CSV)</th>
<th>parameters</th><th>error</th></tr>
{chr(10).join(index_row(r, current, out) for r, current in rows)}
</table></body></html>
"""
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def corpus_name(rows: list[tuple[Result, bool]]) -> str:
    """The corpus the reports describe, as given to the runner (the bundled corpus says so)."""
    given = next((r.parameters["corpus"] for r, _ in rows if (r.parameters or {}).get("corpus")), "")
    from lib import paths

    if not given or paths.is_bundled(given):
        return "the bundled corpus (data/corpus)"
    return str(given)


def corpus_line(out: Path) -> str:
    """Articles, date range and outlets from notebook 00's table (escaped), or nothing when it did not run."""
    from lib.report.findings import corpus_facts

    facts = corpus_facts(out)
    if facts.articles is None:
        return ""
    e = html.escape
    dates = (f"dated {e(facts.first)} to {e(facts.last)}" if facts.first else "no readable date") + (
        f" ({facts.undated:,} undated)" if facts.first and facts.undated else "")
    named = ", ".join(f"{e(name)} ({n:,})" for name, n in facts.outlets[:OUTLETS_SHOWN])
    rest = len(facts.outlets) - OUTLETS_SHOWN
    outlets = (f"{len(facts.outlets):,} outlet{'s' if len(facts.outlets) != 1 else ''}: {named}"
               + (f" and {rest:,} more" if rest > 0 else "")) if facts.outlets else "no outlet recorded"
    return f'<p class="corpus">{facts.articles:,} articles, {dates}; {outlets}.</p>'


def actors_line(out: Path) -> str:
    """Where the automatic actor table of this run is, with a link, or nothing (see findings.actor_table_line)."""
    from lib.report.findings import actor_table_line

    line = actor_table_line(out)
    if not line:
        return ""
    link = '<a href="actors_auto.csv">actors_auto.csv</a>'
    return f'<p class="corpus">{html.escape(line)} ({link})</p>'


def warnings_block(rows: list[tuple[Result, bool]], out: Path, *, tables: bool = True) -> str:
    """Failed notebooks, unreadable files and an ill-fitting actor table, escaped, above everything else."""
    items = [f"Notebook {r.name} {r.status}: {r.error or 'see its page'}" for r, _ in rows if r.status != "ok"]
    if tables:
        from lib.report.findings import table_warnings

        items += table_warnings(out)
    if not items:
        return ""
    listed = "".join(f"<li>{html.escape(item)}</li>" for item in items)
    return f'<div class="warnings"><p><strong>Warnings</strong></p><ul>{listed}</ul></div>'


def question(name: str) -> str:
    """The question a notebook answers (its H1), read from the notebook in ``notebooks/``."""
    import nbformat

    from lib import paths

    source = paths.NOTEBOOKS / f"{name}.ipynb"
    try:
        return notebook_title(nbformat.read(str(source), as_version=4)) if source.is_file() else ""
    except (OSError, ValueError):
        return ""


def index_row(r: Result, current: bool, out: Path) -> str:
    """One escaped table row; a notebook from an earlier run says when it ran."""
    e = html.escape
    pages = [(f"{r.name}.html", "report"), (f"{r.name}.code.html", "with code"), (f"{r.name}.ipynb", "notebook")]
    links = " · ".join(f'<a href="{e(file)}">{label}</a>' for file, label in pages if (out / file).is_file())
    tables = " ".join(f'<a href="{e(r.name)}/{e(t)}">{e(t)}</a>' for t in r.tables or [])
    params = ", ".join(f"{e(k)}={e(repr(v))}" for k, v in (r.parameters or {}).items()) or "defaults"
    when = f"{r.seconds:.1f} s" if current else f"{r.seconds:.1f} s, earlier run ({e(r.finished or 'date unknown')})"
    css = e(r.status) + ("" if current else " earlier")
    return (f'<tr class="{css}"><td>{e(r.name)}</td><td>{e(question(r.name))}</td><td>{e(r.status)}</td>'
            f"<td>{when}</td><td>{links}</td>"
            f"<td>{tables}</td><td>{params}</td><td>{e(r.error)}</td></tr>")
