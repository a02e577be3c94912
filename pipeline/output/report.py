"""The HTML report: one self-contained page of charts over a run's tables.

``figures`` is pure (tables in, plotly figures out); ``write`` is the I/O edge that reads an
output folder and writes ``report.html``. The page inlines plotly.js and loads nothing from
the network, so it opens from disk offline. Every chart says which table or view
(``database.VIEWS``) it comes from.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs
from plotly.subplots import make_subplots

from . import database, frames

REPORT = "report.html"
SPREADSHEET_DIR = "spreadsheet"
TOP_KINDS = 6  # panels in "most-mentioned entities of each kind"
TOP_N = 8  # bars per panel
TOP_SPEAKERS = 15
NETWORK_SPEAKERS = 10
NETWORK_ENTITIES = 15
HEATMAP_ENTITIES = 15
MAX_POINTS = 500  # more dated documents than this: one point per day (the mean per document)
_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', sans-serif"
_NAMES_ONLY = f"label NOT IN ({', '.join(repr(x) for x in database.NOT_NAMES)})"


_PALETTE = ("#636efa", "#ef553b", "#00cc96", "#ab63fa", "#ffa15a", "#19d3f3", "#ff6692", "#b6e880", "#ff97ff")


def _lang_color(lang: str) -> str:
    """One colour per language across the report: en and zh fixed, others by their code."""
    fixed = {"en": _PALETTE[0], "zh": _PALETTE[1], "und": "#999999"}
    return fixed.get(lang) or _PALETTE[2 + sum(map(ord, lang)) % (len(_PALETTE) - 2)]


@dataclass(frozen=True, slots=True)
class Chart:
    """One section of the report: a figure (``None`` when the run has nothing to show) and its caption."""

    key: str
    title: str
    caption: str
    figure: go.Figure | None


def _layout(fig: go.Figure, title: str, height: int = 420, legend: str = "") -> go.Figure:
    fig.update_layout(title={"text": title, "x": 0.01}, height=height, template="plotly_white",
                      margin={"l": 10, "r": 10, "t": 60, "b": 50}, font={"family": _FONT},
                      legend={"title": {"text": legend}, "traceorder": "normal"})
    fig.update_yaxes(automargin=True)
    return fig


def entities_by_kind(con: duckdb.DuckDBPyConnection) -> Chart:
    df = con.execute("""SELECT coalesce(nullif(kind, ''), '(no kind)') AS kind, lang, count(*) AS mentions
                        FROM entities GROUP BY ALL ORDER BY kind, lang""").df()
    title = "Entity mentions by kind"
    caption = ("Source: <code>entities</code>, one bar per kind, split by the language of the mention "
               "(en: spaCy on the English text; zh: jieba on the Chinese text).")
    if df.empty:
        return Chart("entities-by-kind", title, caption, None)
    order = df.groupby("kind")["mentions"].sum().sort_values().index.tolist()
    fig = go.Figure([go.Bar(y=g.kind, x=g.mentions, name=lang, orientation="h", marker_color=_lang_color(str(lang)),
                            hovertemplate=f"%{{y}}: %{{x}} mentions ({lang})<extra></extra>")
                     for lang, g in df.groupby("lang", sort=True)])
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title="kind", categoryorder="array", categoryarray=order)
    fig.update_xaxes(title="mentions")
    return Chart("entities-by-kind", title, caption, _layout(fig, title, 120 + 26 * len(order), "language"))


def top_entities_per_kind(con: duckdb.DuckDBPyConnection) -> Chart:
    df = con.execute(f"""SELECT kind, canonical, sum(mentions) AS mentions, count(DISTINCT doc_id) AS documents
                         FROM entity_summary WHERE kind <> '' AND {_NAMES_ONLY} GROUP BY ALL""").df()
    title = "Most-mentioned entities of each kind"
    caption = (f"Source: <code>entity_summary</code> (mentions summed over documents), the {TOP_KINDS} kinds with "
               f"most mentions and their top {TOP_N} canonical names; numbers and dates are left out.")
    if df.empty:
        return Chart("top-entities", title, caption, None)
    kinds = _top(df, "kind", "mentions", TOP_KINDS)
    cols = 2 if len(kinds) > 1 else 1
    rows = (len(kinds) + cols - 1) // cols
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=kinds, horizontal_spacing=0.42, vertical_spacing=0.12)
    for k, kind in enumerate(kinds):
        top = df[df.kind == kind].sort_values(["mentions", "canonical"], ascending=[False, True]).head(TOP_N)[::-1]
        r, c = k // cols + 1, k % cols + 1
        fig.add_trace(go.Bar(y=top.canonical, x=top.mentions, orientation="h", name=kind, showlegend=False,
                             customdata=top.documents,
                             hovertemplate="%{y}: %{x} mentions in %{customdata} document(s)<extra></extra>"),
                      row=r, col=c)
        fig.update_xaxes(title_text="mentions", row=r, col=c, dtick=1 if top.mentions.max() <= 6 else None)
        fig.update_yaxes(title_text="entity", row=r, col=c)
    return Chart("top-entities", title, caption, _layout(fig, title, 80 + 260 * rows))


def quoted_speakers(con: duckdb.DuckDBPyConnection) -> Chart:
    df = con.execute("""
        WITH c AS (
            SELECT speaker, speaker_org, count(*) AS n FROM quotes WHERE speaker <> '' AND speaker_org <> ''
            GROUP BY ALL
        ), orgs AS (
            SELECT speaker, speaker_org FROM c
            QUALIFY row_number() OVER (PARTITION BY speaker ORDER BY n DESC, speaker_org) = 1
        )
        SELECT q.speaker, coalesce(o.speaker_org, '') AS org, q.quote_type, count(*) AS quotes
        FROM quotes q LEFT JOIN orgs o USING (speaker) WHERE q.speaker <> '' GROUP BY ALL""").df()
    unnamed = con.execute("SELECT count(*) FROM quotes WHERE speaker = ''").fetchone()
    n_unnamed = int(unnamed[0]) if unnamed else 0
    title = "Most-quoted speakers and their organisations"
    caption = (f"Source: <code>quotes</code> (<code>speaker</code>, <code>speaker_org</code>, <code>quote_type</code>),"
               f" the {TOP_SPEAKERS} speakers with most quotes; the organisation is the one most often given for the "
               f"speaker. {n_unnamed} quote(s) with an unnamed speaker are not shown.")
    if df.empty:
        return Chart("speakers", title, caption, None)
    df["who"] = df.speaker + df.org.map(lambda o: f" ({o})" if o else "")
    totals = df.groupby("who")["quotes"].sum().sort_values(ascending=False)
    keep = totals.index[:TOP_SPEAKERS].tolist()
    df = df[df.who.isin(keep)]
    fig = go.Figure([go.Bar(y=g.who, x=g.quotes, name=qtype, orientation="h",
                            hovertemplate=f"%{{y}}: %{{x}} {qtype} quote(s)<extra></extra>")
                     for qtype, g in df.groupby("quote_type", sort=True)])
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title="speaker (organisation)", categoryorder="array", categoryarray=keep[::-1])
    fig.update_xaxes(title="quotes", dtick=1 if totals.max() <= 10 else None)
    return Chart("speakers", title, caption, _layout(fig, title, 160 + 30 * len(keep), "quote type"))


def per_document_over_time(con: duckdb.DuckDBPyConnection) -> Chart:
    df = con.execute("""
        SELECT d.doc_id, d.published, d.title, d.source, coalesce(q.n, 0) AS quotes, coalesce(e.n, 0) AS entities
        FROM documents d
        LEFT JOIN (SELECT doc_id, count(*) AS n FROM quotes GROUP BY doc_id) q USING (doc_id)
        LEFT JOIN (SELECT doc_id, count(*) AS n FROM entities GROUP BY doc_id) e USING (doc_id)
        ORDER BY d.published, d.doc_id""").df()
    dated = df[df.published.fillna("").str.match(r"^\d{4}-\d{2}-\d{2}")].copy()
    daily = len(dated) > MAX_POINTS
    title = "Quotes and entities per document, by publication date"
    caption = ("Source: <code>documents</code> (<code>published</code>), counted in <code>quotes</code> and "
               "<code>entities</code>; "
               + ("the mean per document of each day" if daily else "one point per document")
               + f". {len(df) - len(dated)} document(s) without a publication date are not shown.")
    if dated.empty:
        return Chart("over-time", title, caption, None)
    dated["date"] = pd.to_datetime(dated.published.str[:10])
    if daily:
        dated = dated.groupby("date", as_index=False).agg(quotes=("quotes", "mean"), entities=("entities", "mean"),
                                                          n=("doc_id", "count"))
        dated["label"] = dated.n.map(lambda n: f"mean of {n} document(s)")
    else:
        dated["label"] = dated.title.where(dated.title.fillna("") != "", dated.source)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08)
    for r, col in enumerate(("quotes", "entities"), start=1):
        fig.add_trace(go.Scatter(x=dated.date, y=dated[col], mode="markers+lines" if len(dated) < 60 else "markers",
                                 marker={"size": 9 if len(dated) < 60 else 5},
                                 name=f"{col} per document", text=dated.label,
                                 hovertemplate="%{x|%Y-%m-%d}: %{y:.3~f} " + col + "<br>%{text}<extra></extra>"),
                      row=r, col=1)
        fig.update_yaxes(title_text=f"{col} per document", rangemode="tozero", row=r, col=1)
    fig.update_xaxes(title_text="publication date", row=2, col=1)
    fig.update_xaxes(tickformat="%Y-%m-%d")
    if dated.date.nunique() == 1:  # one day: plotly would zoom to milliseconds around it
        day = dated.date.iloc[0]
        fig.update_xaxes(range=[day - pd.Timedelta(days=30), day + pd.Timedelta(days=30)])
    return Chart("over-time", title, caption, _layout(fig, title, 480))


def language_mix(con: duckdb.DuckDBPyConnection) -> Chart:
    docs = con.execute("SELECT lang, count(*) AS documents FROM documents GROUP BY ALL ORDER BY documents DESC").df()
    segs = con.execute("""SELECT kind, lang, sum(end_char - start_char) AS chars FROM segments
                          GROUP BY ALL ORDER BY kind, lang""").df()
    title = "Language mix"
    caption = ("Sources: <code>documents</code> (<code>lang</code>, the language of most of a document's letters) "
               "on the left; <code>segments</code> (<code>lang</code> per part of a document, weighted by its "
               "length in characters) on the right: mixed documents show here.")
    if docs.empty:
        return Chart("languages", title, caption, None)
    fig = make_subplots(rows=1, cols=2, column_widths=[0.3, 0.7], horizontal_spacing=0.18,
                        subplot_titles=("documents by language", "characters by segment kind and language"))
    fig.add_trace(go.Bar(x=docs.lang, y=docs.documents, name="documents", showlegend=False,
                         marker_color=[_lang_color(str(x)) for x in docs.lang],
                         hovertemplate="%{x}: %{y} document(s)<extra></extra>"), row=1, col=1)
    for lang, g in segs.groupby("lang", sort=True):
        fig.add_trace(go.Bar(y=g.kind, x=g.chars, orientation="h", name=lang, legendgroup=lang,
                             marker_color=_lang_color(str(lang)),
                             hovertemplate=f"%{{y}}: %{{x}} characters in {lang}<extra></extra>"), row=1, col=2)
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title_text="language", row=1, col=1)
    fig.update_yaxes(title_text="documents", row=1, col=1, dtick=1 if docs.documents.max() <= 6 else None)
    fig.update_xaxes(title_text="characters", row=1, col=2)
    fig.update_yaxes(title_text="segment kind", row=1, col=2)
    return Chart("languages", title, caption, _layout(fig, title, 420, "language"))


def _nodes(x: int, names: list[str], ys: dict[str, float], weights: pd.Series, name: str, position: str,
           color: str) -> go.Scatter:
    """One column of the speaker network: a marker per name, sized by its mentions."""
    return go.Scatter(x=[x] * len(names), y=[ys[n] for n in names], mode="markers+text", text=names,
                      textposition=position, name=name,
                      marker={"size": [10 + 4 * float(weights.get(n, 0)) for n in names], "color": color},
                      hovertemplate=f"%{{text}}<extra>{name.split()[0]}</extra>")


def _top(df: pd.DataFrame, key: str, weight: str, n: int) -> list[str]:
    """The ``n`` values of ``key`` with the largest summed ``weight``, largest first."""
    return df.groupby(key)[weight].sum().sort_values(ascending=False).index[:n].tolist()


def speaker_network(con: duckdb.DuckDBPyConnection) -> Chart:
    df = con.execute(f"""SELECT speaker, canonical, count(*) AS weight FROM quote_entities
                         WHERE speaker <> '' AND {_NAMES_ONLY} AND canonical <> speaker GROUP BY ALL""").df()
    title = "Who talks about whom: speakers and the entities mentioned in their quotes"
    caption = (f"Source: view <code>quote_entities</code> (entities inside each quote, with the quote's speaker). "
               f"The {NETWORK_SPEAKERS} speakers and {NETWORK_ENTITIES} entities with most such mentions; a line's "
               "width is the number of mentions; numbers and dates are left out.")
    if df.empty:
        return Chart("network", title, caption, None)
    speakers = _top(df, "speaker", "weight", NETWORK_SPEAKERS)
    df = df[df.speaker.isin(speakers)]
    ents = _top(df, "canonical", "weight", NETWORK_ENTITIES)
    df = df[df.canonical.isin(ents)]

    def ys(names: list[str]) -> dict[str, float]:
        n = len(names)
        return {name: 1.0 - (i + 0.5) / n for i, name in enumerate(names)}

    ys_s, ys_e = ys(speakers), ys(ents)
    fig = go.Figure()
    for speaker, entity, weight in zip(df.speaker.astype(str), df.canonical.astype(str), df.weight.astype(int),
                                       strict=True):
        fig.add_trace(go.Scatter(x=[0, 1], y=[ys_s[speaker], ys_e[entity]], mode="lines",
                                 line={"width": 1 + 2 * weight, "color": "rgba(90,110,160,0.45)"},
                                 hoverinfo="text", text=f"{speaker} → {entity}: {weight}",
                                 showlegend=False))
    s_w = df.groupby("speaker")["weight"].sum()
    e_w = df.groupby("canonical")["weight"].sum()
    fig.add_trace(_nodes(0, speakers, ys_s, s_w, "speaker", "middle left", "#d62728"))
    fig.add_trace(_nodes(1, ents, ys_e, e_w, "entity mentioned", "middle right", "#1f77b4"))
    fig.update_xaxes(range=[-1.1, 2.1], tickvals=[0, 1], ticktext=["speaker", "entity mentioned in their quotes"],
                     showgrid=False, zeroline=False, title="from speaker (left) to what their quotes mention (right)")
    fig.update_yaxes(range=[-0.05, 1.05], showticklabels=False, showgrid=False, zeroline=False,
                     title="ranked by mentions")
    return Chart("network", title, caption, _layout(fig, title, 140 + 34 * max(len(speakers), len(ents))))


def comention_heatmap(con: duckdb.DuckDBPyConnection) -> Chart:
    df = con.execute("SELECT entity_a, entity_b, segments FROM entity_comentions").df()
    title = "Entities mentioned together"
    caption = (f"Source: view <code>entity_comentions</code> (pairs of named entities in the same paragraph, title or "
               f"reference line). The {HEATMAP_ENTITIES} entities with most co-mentions; a cell counts the segments "
               "that mention both.")
    if df.empty:
        return Chart("comentions", title, caption, None)
    both = pd.concat([df.rename(columns={"entity_a": "e", "entity_b": "o"}),
                      df.rename(columns={"entity_b": "e", "entity_a": "o"})])
    top = _top(both, "e", "segments", HEATMAP_ENTITIES)
    m = both[both.e.isin(top) & both.o.isin(top)].pivot_table(index="e", columns="o", values="segments",
                                                              aggfunc="sum", fill_value=0)
    m = m.reindex(index=top, columns=top, fill_value=0)
    fig = go.Figure(go.Heatmap(z=m.values, x=top, y=top, colorscale="Blues", colorbar={"title": "segments"},
                               hovertemplate="%{y} & %{x}: %{z} segment(s)<extra></extra>"))
    fig.update_xaxes(title="entity", tickangle=-40)
    fig.update_yaxes(title="entity", autorange="reversed")
    return Chart("comentions", title, caption, _layout(fig, title, 200 + 30 * len(top)))


CHARTS: tuple[Callable[[duckdb.DuckDBPyConnection], Chart], ...] = (
    entities_by_kind, top_entities_per_kind, quoted_speakers, per_document_over_time, language_mix,
    speaker_network, comention_heatmap,
)


def figures(con: duckdb.DuckDBPyConnection) -> list[Chart]:
    """Every chart of the report, from a connection that holds the tables and views of one run (pure)."""
    return [chart(con) for chart in CHARTS]


_CSS = """
body { font-family: FONT; margin: 0 auto; max-width: 1100px; padding: 1.5rem; color: #222; background: #fff; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } .sub { color: #555; margin-top: 0; }
.counts { display: flex; gap: 1rem; flex-wrap: wrap; padding: 0; list-style: none; }
.counts li { background: #f3f5f9; border-radius: 6px; padding: .5rem .9rem; }
.counts b { display: block; font-size: 1.3rem; }
section { border-top: 1px solid #e3e3e3; padding-top: 1rem; margin-top: 1.5rem; }
figcaption, .empty { color: #555; font-size: .9rem; } code { background: #f3f3f3; padding: 0 .2em; }
""".replace("FONT", _FONT)


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {database.ident(table)}").fetchone()
    return int(row[0]) if row else 0


def render(con: duckdb.DuckDBPyConnection, *, source: str = "", generated: str = "") -> str:
    """The report page for the tables of one run: self-contained HTML (plotly.js inlined)."""
    charts = figures(con)
    counts = "".join(f"<li><b>{_count(con, t):,}</b>{t}</li>"
                     for t in ("documents", "segments", "entities", "quotes", "references", "zh_tokens", "errors"))
    sections = []
    for chart in charts:
        if chart.figure is None:
            body = f'<h2>{html.escape(chart.title)}</h2><p class="empty">Nothing to show in this run.</p>'
        else:
            body = chart.figure.to_html(full_html=False, include_plotlyjs=False, div_id=f"chart-{chart.key}",
                                        config={"displaylogo": False, "responsive": True})
        sections.append(f'<section id="{chart.key}"><figure>{body}<figcaption>{chart.caption}</figcaption>'
                        "</figure></section>")
    sub = " · ".join(html.escape(x) for x in (source, generated) if x)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>News pipeline report</title>
<style>{_CSS}</style>
<script>{get_plotlyjs()}</script>
</head>
<body>
<h1>News pipeline report</h1>
<p class="sub">{sub}</p>
<ul class="counts">{counts}</ul>
<p class="sub">Every column is described in <code>docs/tables.md</code>; the same tables are in the output
folder as CSV, Parquet and/or <code>pipeline.duckdb</code>.</p>
{"".join(sections)}
</body>
</html>
"""


def write(out_dir: Path) -> Path:
    """Read the tables in ``out_dir`` and write ``out_dir/report.html`` (atomically); returns its path."""
    with database.connect_output(out_dir) as con:
        page = render(con, source=f"tables in {out_dir}",
                      generated=f"generated {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}")
    path = out_dir / REPORT
    tmp = path.with_suffix(".html.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)
    return path


def export_spreadsheet(out_dir: Path, target: Path | None = None) -> Path:
    """CSV copies of every table for spreadsheets: formula cells neutralised, UTF-8 with a BOM."""
    target = target or out_dir / SPREADSHEET_DIR
    target.mkdir(parents=True, exist_ok=True)
    for table, df in frames.read_tables(out_dir).items():
        frames.write_csv(df, target / f"{table}.csv", safe=True, bom=True)
    return target
