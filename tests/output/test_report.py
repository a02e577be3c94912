"""The HTML report: every chart titled, labelled and sourced; self-contained; renders without console errors."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from pipeline import cli
from pipeline.output import database, frames, report, schema, tables
from pipeline.records import ErrorRow

CHROMIUM = os.environ.get("CHROMIUM") or next(
    (p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p), None)
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium); "
                                                              "the page is not rendered")

# Injected before the page's own scripts: records what a browser console would show as an error.
_PROBE = """<script>
window.__errors = [];
window.addEventListener('error', function (e) {
  window.__errors.push(e.message || ('failed to load ' + (e.target && (e.target.src || e.target.href))));
}, true);
window.addEventListener('unhandledrejection', function (e) { window.__errors.push('unhandled: ' + e.reason); });
var _ce = console.error;
console.error = function () { window.__errors.push([].join.call(arguments, ' ')); _ce.apply(console, arguments); };
window.addEventListener('load', function () { setTimeout(function () {
  var pre = document.createElement('pre'); pre.id = '__errors';
  pre.textContent = JSON.stringify(window.__errors); document.body.appendChild(pre);
}, 500); });
</script>"""


def render_in_chromium(page: Path, tmp: Path) -> tuple[str, list[str]]:
    """Open ``page`` in headless Chromium with no network; the rendered DOM and the console errors."""
    probed = tmp / f"probed-{page.name}"
    probed.write_text(page.read_text(encoding="utf-8").replace("<head>", "<head>" + _PROBE, 1), encoding="utf-8")
    assert CHROMIUM is not None
    proc = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp / 'chromium-profile'}", "--host-resolver-rules=MAP * ~NOTFOUND",
         "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--dump-dom", probed.as_uri()],
        capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    m = re.search(r'<pre id="__errors">(.*?)</pre>', proc.stdout, re.S)
    assert m is not None, "the probe never ran: the page did not finish loading"
    errors = [] if m.group(1) == "[]" else [m.group(1)]
    # Chromium also logs console messages itself; an uncaught error shows there even if the probe missed it.
    errors += [line for line in proc.stderr.splitlines() if ":CONSOLE" in line and ("Uncaught" in line or
                                                                                   "Failed to load" in line)]
    return proc.stdout, errors


@pytest.fixture(scope="module")
def con(seed_run: Path) -> duckdb.DuckDBPyConnection:
    return database.connect_output(seed_run)


@pytest.mark.slow
def test_report_is_written_after_every_run(seed_run: Path) -> None:
    page = (seed_run / report.REPORT).read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "News pipeline report" in page


@pytest.mark.slow
def test_every_chart_has_a_title_labelled_axes_and_a_source(con: duckdb.DuckDBPyConnection) -> None:
    charts = report.figures(con)
    assert [c.key for c in charts] == ["entities-by-kind", "top-entities", "speakers", "over-time", "languages",
                                       "network", "comentions"]
    sources = set(schema.RECORDS) | set(database.VIEWS)
    for chart in charts:
        assert chart.figure is not None, f"{chart.key}: no data on the demo corpus"
        assert chart.figure.layout.title.text == chart.title
        axes = [k for k in chart.figure.layout if re.fullmatch(r"[xy]axis\d*", k)]
        assert axes, chart.key
        for ax in axes:
            if chart.figure.layout[ax].matches:  # shares the labelled axis below it
                continue
            assert chart.figure.layout[ax].title.text, f"{chart.key}: {ax} has no label"
        named = set(re.findall(r"<code>(\w+)</code>", chart.caption))
        assert named & sources, f"{chart.key}: the caption names no table or view"


@pytest.mark.slow
def test_speaker_chart_shows_speakers_with_their_organisation(con: duckdb.DuckDBPyConnection) -> None:
    chart = report.quoted_speakers(con)
    assert chart.figure is not None
    shown = {y for trace in chart.figure.data for y in trace.y}
    assert "Mazlan Othman (United Nations Office for Outer Space Affairs)" in shown
    assert "Michael Krepon" in shown
    assert "1 quote(s) with an unnamed speaker" in chart.caption


@pytest.mark.slow
def test_report_is_self_contained(seed_run: Path) -> None:
    page = (seed_run / report.REPORT).read_text(encoding="utf-8")
    assert not re.search(r"<(script|img|iframe)[^>]*\ssrc=", page), "the page loads a file"
    assert not re.search(r"<link\b", page), "the page loads a stylesheet"
    assert "Plotly" in page and page.count('class="plotly-graph-div"') == len(report.CHARTS)


def test_report_on_empty_tables_says_there_is_nothing_to_show() -> None:
    page = report.render(database.in_memory({t: frames.frame(t, []) for t in schema.RECORDS}))
    assert page.count("Nothing to show in this run.") == len(report.CHARTS)


@pytest.mark.slow
def test_report_command_rebuilds_the_page_and_a_safe_spreadsheet_export(seed_run: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(seed_run, out)
    (out / report.REPORT).unlink()
    assert cli.main(["report", "--out", str(out), "--spreadsheet"]) == 0
    assert (out / report.REPORT).exists()
    export = out / report.SPREADSHEET_DIR
    assert sorted(p.stem for p in export.glob("*.csv")) == sorted(schema.RECORDS)
    assert (export / "quotes.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheets see UTF-8


def test_report_command_without_tables_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["report", "--out", str(tmp_path)]) == 2
    assert "run the pipeline first" in capsys.readouterr().err


@needs_chromium
@pytest.mark.slow
def test_report_renders_in_chromium_without_console_errors(seed_run: Path, tmp_path: Path) -> None:
    dom, errors = render_in_chromium(seed_run / report.REPORT, tmp_path)
    assert errors == []
    assert dom.count('class="main-svg"') >= len(report.CHARTS), "plotly did not draw every chart"


@needs_chromium
def test_chromium_check_catches_a_broken_page(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><html><head></head><body><script>undefinedFunction();</script>"
                    '<script src="https://cdn.example.org/plotly.js"></script></body></html>', encoding="utf-8")
    _, errors = render_in_chromium(page, tmp_path)
    joined = " ".join(errors)
    assert "undefinedFunction" in joined and "failed to load https://cdn.example.org/plotly.js" in joined


def test_spreadsheet_export_neutralises_formula_cells(tmp_path: Path) -> None:
    w = tables.TableWriter(tmp_path)
    w.write("errors", [ErrorRow("a.txt", None, "", "ingest", "InputError", "=HYPERLINK(\"x\")")])
    w.commit()
    export = report.export_spreadsheet(tmp_path)
    assert (export / "errors.csv").read_text(encoding="utf-8-sig").splitlines()[1].split(',', 5)[5].startswith('"\'=HYPERLINK(""x"")"')
    assert (tmp_path / "errors.csv").read_text(encoding="utf-8").splitlines()[1].split(',', 5)[5].startswith('"=HYPERLINK(""x"")"')


def test_help_documents_the_report_command_and_the_output_options() -> None:
    p = cli.parser()
    assert "report" in p.format_help()
    run_help = p._subparsers._group_actions[0].choices["run"].format_help()  # type: ignore[union-attr]
    for option in ("--formats", "--safe-csv", "--no-report"):
        assert option in run_help


def test_unknown_format_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["run", "corpus", "--formats", "csv,xlsx"])
    assert exc.value.code == 2
    assert "unknown output format 'xlsx'; allowed: csv, parquet, duckdb" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["csv", "duckdb"])
def test_report_reads_any_output_format(seed_run: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / fmt
    out.mkdir()
    keep = [f"{t}.csv" for t in schema.RECORDS] if fmt == "csv" else [schema.DATABASE]
    for name in keep:
        shutil.copy(seed_run / name, out / name)
    with database.connect_output(out) as con:
        assert report.quoted_speakers(con).figure is not None


def test_over_time_chart_shows_daily_means_for_many_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.records import Document

    docs = [Document(f"d{k}", f"{k}.txt", str(k), None, "utf-8", "en", 1.0, "", "en:1.0", "", f"2024-01-0{1 + k % 3}",
                     "", "", "", "", 10, 1) for k in range(9)]
    by_table = {t: frames.frame(t, docs if t == "documents" else []) for t in schema.RECORDS}
    monkeypatch.setattr(report, "MAX_POINTS", 5)
    chart = report.per_document_over_time(database.in_memory(by_table))
    assert chart.figure is not None and len(chart.figure.data[0].x) == 3
    assert "the mean per document of each day" in chart.caption


@pytest.mark.parametrize(("flags", "written"), [([], True), (["--no-report"], False)])
def test_run_writes_the_report_unless_asked_not_to(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                   flags: list[str], written: bool) -> None:
    from pipeline.run import runner
    from pipeline.stages import nlp as nlp_mod

    calls: list[Path] = []
    monkeypatch.setattr(nlp_mod, "build", lambda settings: None)
    monkeypatch.setattr(runner, "run", lambda *a: runner.Summary(0, 0, 0, 0, 0.0))
    monkeypatch.setattr(report, "write", lambda out: calls.append(out) or out / report.REPORT)
    (tmp_path / "o").mkdir()
    (tmp_path / "o" / report.REPORT).write_text("an earlier run's report")
    assert cli.main(["run", str(tmp_path), "--out", str(tmp_path / "o"), *flags]) == 0
    assert calls == ([tmp_path / "o"] if written else [])
    assert (tmp_path / "o" / report.REPORT).exists() == written  # never a stale report beside new tables


def test_make_report_target_rebuilds_the_report_with_the_spreadsheet_export() -> None:
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text(encoding="utf-8")
    m = re.search(r"^report:.*## (.+)\n\t(.+)$", makefile, re.M)
    assert m is not None, "no documented `report` target in the Makefile"
    assert "-m pipeline report" in m.group(2) and "--spreadsheet" in m.group(2)
