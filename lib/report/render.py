"""HTML pages from executed notebooks: offline, scripts forbidden, a failed cell shown as one line to readers."""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["REPORT_CSP", "first_line", "harden", "notebook_title", "render"]

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
