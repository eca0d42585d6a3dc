"""What hostile files cost post65: each read (or refused) in a fresh process, its time and peak
memory beside the bound of issue 10, point 5, and beside a floor measured in the same run.

Run: ``python benchmarks/hostile.py`` (about half a minute; the files are built in a temporary
folder and removed; ``--help``). The figures:

- an xlsx whose sheet declares 16 384 columns on 20 000 rows (``A1:XFD20000``, a cell in
  column XFD on every row), about 100 KB: read in ≤ 2 s and ≤ 200 MB;
- an xlsx whose sheet is padded with 300 MB of whitespace (a "zip bomb"): refused or read in
  ≤ 2 s;
- a 50 MB CSV index file of bad lines (unknown numbers, duplicates, scores that are not
  numbers): every problem found in ≤ 10 s and ≤ 300 MB;
- a JSON portfolio whose 10 000 measures each name an unknown kommunenummer: refused in ≤ 1 s
  (and, for comparison, the same portfolio naming a known municipality);
- a county's report whose judgement is one word of 10 million letters, loaded and rendered as
  text (no bound; textwrap alone took 20–44 s to wrap it, quadratic in the word's length, before
  ``post65.layout.wrap``).

Memory is the peak resident set of the process (``ru_maxrss``) less its resident set just before
the read (after the imports, with the file's bytes in memory): what the read itself costs; the
process's whole peak is given beside it. The
floors: ``import openpyxl`` and openpyxl reading a small workbook (for the xlsx files), the
standard library's ``csv`` reading the same CSV file, and ``json.loads`` of the same document.
Nothing here is a test: the test suite is never timed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_PORTFOLIO = ROOT / "examples" / "nordland-2024.portfolio.json"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Rådata" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<dimension ref="A1:{last}"/><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>KNR</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>Distriktsindeks</t></is></c></row>'
)
_SHEET_TAIL = "</sheetData></worksheet>"


def _numbers() -> list[str]:
    from post65 import register

    return [k.kommunenummer for k in register(2024)]


def _write_workbook(path: Path, sheet_parts: list[bytes] | None, *, last: str, pad: int) -> None:
    """A minimal workbook: the 357 municipalities with a score, then ``sheet_parts`` (more rows),
    and ``pad`` bytes of whitespace at the end of the sheet, written a chunk at a time."""
    rows = [
        f'<row r="{i}"><c r="A{i}"><v>{int(nr)}</v></c><c r="B{i}"><v>{i % 100}</v></c></row>'
        for i, nr in enumerate(_numbers(), start=2)
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=pad > 0) as sheet:
            sheet.write(_SHEET_HEAD.format(last=last).encode() + "".join(rows).encode())
            for part in sheet_parts or []:
                sheet.write(part)
            chunk = b" " * (1 << 20)
            for _ in range(pad // len(chunk)):
                sheet.write(chunk)
            sheet.write(_SHEET_TAIL.encode())


def build_wide_xlsx(path: Path) -> None:
    """A sheet declaring A1:XFD20000, with a cell in column XFD (16 384) on every row."""
    extra = [f'<row r="{i}"><c r="XFD{i}"><v>1</v></c></row>'.encode() for i in range(359, 20_001)]
    _write_workbook(path, extra, last="XFD20000", pad=0)


def build_bomb_xlsx(path: Path) -> None:
    """A sheet padded with 300 MB of whitespace (compressed to about 300 KB)."""
    _write_workbook(path, None, last="B358", pad=300 * 1024 * 1024)


def build_small_xlsx(path: Path) -> None:
    """The floor's workbook: the 357 rows alone."""
    _write_workbook(path, None, last="B358", pad=0)


def build_bad_csv(path: Path, size: int = 50 * 1000 * 1000) -> None:
    """A CSV index of ``size`` bytes of bad lines."""
    block = "".join(
        f"{9000 + i % 1000};{i % 100}\n"
        if i % 3 == 0
        else "1826;12,5\n"
        if i % 3 == 1
        else "0301;x\n"
        for i in range(3000)
    ).encode()
    with path.open("wb") as fh:
        fh.write(b"knr;indeks\n")
        written = 11
        while written + len(block) <= size:
            fh.write(block)
            written += len(block)


def build_wide_csv(path: Path, columns: int = 10_000_000) -> None:
    """A CSV index whose first line is ``columns`` empty cells (commas only), then one row."""
    path.write_bytes(b"," * (columns - 1) + b"\n1804,1\n")


def build_compact_portfolio(path: Path, count: int = 10_000) -> None:
    """The Nordland portfolio whose first measure names ``count`` unknown kommunenumre (the
    document stays small, so the figure is the cost of the unknown numbers, not of reading
    10 000 measures: that is the load figure of benchmarks/run.py)."""
    from post65 import register

    known = {k.kommunenummer for k in register(2024)}
    unknown = [f"{n:04d}" for n in range(10_000) if f"{n:04d}" not in known]
    doc = json.loads(EXAMPLE_PORTFOLIO.read_text(encoding="utf-8"))
    doc["measures"][0]["beneficiaries"] = [unknown[i % len(unknown)] for i in range(count)]
    path.write_text(json.dumps(doc), encoding="utf-8")


def build_portfolio(path: Path, count: int = 10_000, *, unknown_numbers: bool = True) -> None:
    """The Nordland portfolio with ``count`` measures, each naming an unknown kommunenummer (or,
    for comparison, the first municipality of the example's own county)."""
    from post65 import register

    known = {k.kommunenummer for k in register(2024)}
    unknown = [f"{n:04d}" for n in range(10_000) if f"{n:04d}" not in known]
    if not unknown_numbers:
        unknown = ["1804"]
    doc = json.loads(EXAMPLE_PORTFOLIO.read_text(encoding="utf-8"))
    model = doc["measures"][0]
    measures = []
    for i in range(count):
        m = dict(model, id=f"m-{i}", beneficiaries=[unknown[i % len(unknown)]])
        measures.append(m)
    doc["measures"] = measures
    path.write_text(json.dumps(doc), encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Measuring in a fresh process

_PROBE = textwrap.dedent(
    """
    import json, resource, sys, time
    {setup}
    try:  # the resident set now (Linux), else the peak so far
        with open("/proc/self/statm") as fh:
            before = int(fh.read().split()[1]) * resource.getpagesize() // 1024
    except OSError:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    outcome = "read"
    try:
        {action}
    except Exception as exc:
        outcome = type(exc).__name__ + ": " + str(exc).splitlines()[0][:100]
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({{"seconds": seconds, "grew_kb": peak - before, "peak_kb": peak,
                      "outcome": outcome}}))
    """
)


def build_long_word_report(path: Path, letters: int = 10_000_000) -> None:
    """The Nordland example report with a judgement of one word of ``letters`` letters."""
    report = json.loads((ROOT / "examples" / "nordland-2024.report.json").read_text("utf-8"))
    report["judgement"] = "x" * letters
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")


def _probe(setup: str, action: str) -> dict[str, object]:
    code = _PROBE.format(setup=setup, action=action)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env
    )
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _best(setup: str, action: str, repeat: int = 3) -> dict[str, object]:
    """The fastest of ``repeat`` fresh processes (memory is the same in each)."""
    runs = [_probe(setup, action) for _ in range(repeat)]
    return min(runs, key=lambda r: float(str(r["seconds"])))


def measure(folder: Path) -> list[tuple[str, dict[str, object], float, float, dict[str, object]]]:
    """Each figure: (name, our run, time bound s, memory bound MB, the floor's run)."""
    wide, bomb, small = folder / "wide.xlsx", folder / "bomb.xlsx", folder / "small.xlsx"
    bad, portfolio = folder / "bad.csv", folder / "many-unknown.portfolio.json"
    known = folder / "many-known.portfolio.json"
    compact = folder / "compact-unknown.portfolio.json"
    build_compact_portfolio(compact)
    build_wide_xlsx(wide)
    build_bomb_xlsx(bomb)
    build_small_xlsx(small)
    build_bad_csv(bad)
    wide_csv = folder / "wide.csv"
    build_wide_csv(wide_csv)
    build_portfolio(portfolio)
    build_portfolio(known, unknown_numbers=False)
    long_word = folder / "long-word.report.json"
    build_long_word_report(long_word)
    read = "from post65 import read_index\ndata = open({path!r}, 'rb').read()"
    floor_import = _best("", "import openpyxl")
    floor_small = _best(
        f"import io, openpyxl\ndata = open({str(small)!r}, 'rb').read()",
        "list(openpyxl.load_workbook(io.BytesIO(data), read_only=True).active.values)",
    )
    floor_csv = _best(
        f"import csv, io\ndata = open({str(bad)!r}, 'rb').read()",
        "sum(1 for _ in csv.reader(io.TextIOWrapper(io.BytesIO(data), 'utf-8', newline='')))",
    )
    floor_wide_csv = _best(
        f"import csv, io\ndata = open({str(wide_csv)!r}, 'rb').read()",
        "sum(1 for _ in csv.reader(io.TextIOWrapper(io.BytesIO(data), 'utf-8', newline='')))",
        repeat=1,
    )
    floor_json = _best(f"data = open({str(portfolio)!r}, 'rb').read()", "json.loads(data)")
    floor_compact = _best(f"data = open({str(compact)!r}, 'rb').read()", "json.loads(data)")
    floor_long = _best(f"data = open({str(long_word)!r}, 'rb').read()", "json.loads(data)")
    return [
        (
            f"xlsx declaring A1:XFD20000 ({wide.stat().st_size // 1000} KB)",
            _best(read.format(path=str(wide)), "read_index(data)"),
            2.0,
            200.0,
            floor_small,
        ),
        (
            f"xlsx with 300 MB of whitespace ({bomb.stat().st_size // 1000} KB)",
            _best(read.format(path=str(bomb)), "read_index(data)"),
            2.0,
            float("nan"),
            floor_import,
        ),
        (
            f"CSV of bad lines ({bad.stat().st_size // 1_000_000} MB)",
            _best(read.format(path=str(bad)), "read_index(data)", repeat=1),
            10.0,
            300.0,
            floor_csv,
        ),
        (
            f"CSV index whose first line has 10 million columns "
            f"({wide_csv.stat().st_size // 1_000_000} MB; refused at line 1)",
            _best(read.format(path=str(wide_csv)), "read_index(data)"),
            float("nan"),
            float("nan"),
            floor_wide_csv,
        ),
        (
            f"JSON portfolio, 10 000 unknown kommunenumre ({compact.stat().st_size // 1000} KB)",
            _best(
                f"import post65\ntext = open({str(compact)!r}, encoding='utf-8').read()",
                "post65.load(text)",
            ),
            1.0,
            float("nan"),
            floor_compact,
        ),
        (
            "10 000 measures, each an unknown kommunenummer "
            f"({portfolio.stat().st_size // 1000} KB; no bound: see the load figures)",
            _best(
                f"import post65\ntext = open({str(portfolio)!r}, encoding='utf-8').read()",
                "post65.load(text)",
            ),
            float("nan"),
            float("nan"),
            floor_json,
        ),
        (
            "the same, every measure naming 1804 Bodø (for comparison; no bound)",
            _best(
                f"import post65\ntext = open({str(known)!r}, encoding='utf-8').read()",
                "post65.load(text)",
            ),
            float("nan"),
            float("nan"),
            floor_json,
        ),
        (
            f"report, a judgement of one 10 MB word, loaded and rendered as text "
            f"({long_word.stat().st_size // 1_000_000} MB; no bound)",
            _best(
                f"import post65\ntext = open({str(long_word)!r}, encoding='utf-8').read()",
                "post65.render_report(post65.load(text), 'text')",
                repeat=1,
            ),
            float("nan"),
            float("nan"),
            floor_long,
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(
        prog="python benchmarks/hostile.py",
        description="Build hostile input files (a wide xlsx, an xlsx padded with whitespace, CSV "
        "files of bad lines or too many columns, portfolios naming unknown kommunenumre, a "
        "report with a 10 MB word) in a temporary folder, read each in a fresh process, and "
        "print its time and memory beside the bounds of issue 10 and a floor measured in the "
        "same run, as a Markdown table (about half a minute). No options.",
        allow_abbrev=False,
    ).parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        figures = measure(Path(tmp))
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"Load average (1, 5, 15 min) at the end: {load}")
    print()
    print(
        "| file | time | bound | ratio | floor | time / floor | memory grown (peak RSS) |"
        " bound | outcome |"
    )
    print("|---|--:|--:|--:|--:|--:|--:|--:|---|")
    for name, run, bound_s, bound_mb, floor in figures:
        seconds = float(str(run["seconds"]))
        floor_s = float(str(floor["seconds"]))
        grew = float(str(run["grew_kb"])) / 1024
        peak = float(str(run["peak_kb"])) / 1024
        time_bound = "–" if bound_s != bound_s else f"{bound_s:g} s"
        ratio = "–" if bound_s != bound_s else f"{seconds / bound_s:.2f}"
        mem_bound = "–" if bound_mb != bound_mb else f"{bound_mb:.0f} MB"
        outcome = str(run["outcome"]).replace("|", "/")
        print(
            f"| {name} | {seconds:.3f} s | {time_bound} | {ratio} | {floor_s:.3f} s |"
            f" {seconds / floor_s:.1f} | {grew:.0f} MB ({peak:.0f} MB) | {mem_bound} |"
            f" {outcome} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
