"""Lighthouse on every page of this book and of a stock Jupyter Book, side by side.

    python -m benchmarks.lighthouse                    # builds both books in a temporary folder
    python -m benchmarks.lighthouse --site _build/html # reuse a build of this book
    python -m benchmarks.lighthouse --pages 3          # a quick look: the first 3 pages of each book

The stock book is ``jupyter-book create``'s sample, built with the same
pinned versions. Both are served on 127.0.0.1 as GitHub Pages serves them
(:func:`serve_https`; this book at its published path), and audited by the npm
``lighthouse`` pinned in package.json, in the browser the tests use, kept on
loopback: mobile (Lighthouse's default: a mid-range phone on a slow 4G
network, simulated) and ``--preset=desktop``. A run takes about 20 s a page
and form factor. ``run()`` returns the rows for ``benchmarks.run``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import ipaddress
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from bookbuild import build as build_book
from bookbuild.headless import LAUNCH_ARGS, browser_executable, html_pages, serve_book
from bookbuild.typeset import node_executable

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
HTTPS_SERVER = Path(__file__).with_name("https_server.mjs")
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {  # audit id -> (column, unit divisor)
    "first-contentful-paint": ("FCP s", 1000),
    "largest-contentful-paint": ("LCP s", 1000),
    "total-blocking-time": ("TBT ms", 1),
    "cumulative-layout-shift": ("CLS", 1),
    "speed-index": ("SI s", 1000),
    "total-byte-weight": ("KB", 1024),
}
FORM_FACTORS = ["mobile", "desktop"]


def build_stock_book(workdir: Path) -> Path:
    """``jupyter-book create``'s sample book, built as its template says (not strictly)."""
    source = workdir / "stock"
    scripts = Path(sys.executable).parent
    subprocess.run([str(scripts / "jupyter-book"), "create", str(source)], check=True, capture_output=True)
    subprocess.run([str(scripts / "jupyter-book"), "build", str(source)], check=True, capture_output=True,
                   env=build_book.build_env())
    return source / "_build" / "html"


def build_this_book(workdir: Path) -> Path:
    result = build_book.build(ROOT, output=workdir / "book", clean=True, capture=True)
    if result.returncode:
        raise SystemExit(f"the book build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return workdir / "book" / "_build" / "html"


@contextlib.contextmanager
def serve_https(folder: Path):
    """Serve ``folder`` on 127.0.0.1 as GitHub Pages serves a site: HTTPS and HTTP/2, text
    gzip-compressed; yields the base URL.

    Lighthouse simulates its phone's network from the connections it saw. Over the
    test suite's server (HTTP/1.0, a connection for every file) each file paid for a
    connection of its own in that simulation, which no reader of the published book
    pays: up to 0.6 s more on the largest paint of the same page (benchmarks/README.md).
    The server is ``https_server.mjs``, run by the Node the build uses; its certificate
    is made here and thrown away with the folder it is in.
    """
    with tempfile.TemporaryDirectory() as tmp:
        cert, key = _self_signed_certificate(Path(tmp))
        command = [node_executable(), str(HTTPS_SERVER), str(folder), str(cert), str(key)]
        with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as server:
            try:
                port = server.stdout.readline().strip()
                if not port.isdigit():
                    raise RuntimeError(f"the HTTPS server did not start (exit code {server.wait()})")
                yield f"https://127.0.0.1:{port}"
            finally:
                server.terminate()


def _self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1, valid for a day, and its key: PEM files in ``folder``."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert, key_file = folder / "cert.pem", folder / "key.pem"
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert, key_file


def lighthouse(url: str, form_factor: str) -> dict:
    """One Lighthouse run; the parsed JSON report."""
    if not LIGHTHOUSE.exists():
        raise SystemExit("lighthouse is not installed: run `npm ci` (make setup does)")
    executable = browser_executable()
    if executable is None:
        raise SystemExit("no Chromium found: set BOOK_BROWSER (see README)")
    # The certificate of serve_https is made for the run; the browser reaches no other host.
    flags = " ".join(["--headless=new", "--ignore-certificate-errors", *(shlex.quote(arg) for arg in LAUNCH_ARGS)])
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
               f"--chrome-flags={flags}", f"--only-categories={','.join(CATEGORIES)}"]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": executable})
    if done.returncode:
        raise RuntimeError(f"lighthouse failed on {url}: {done.stderr[-2000:]}")
    return json.loads(done.stdout)


def row(book: str, page: str, form_factor: str, report: dict) -> dict:
    audits = report["audits"]
    result = {"book": book, "page": page, "form": form_factor}
    result.update({name: round(100 * report["categories"][name]["score"]) for name in CATEGORIES})
    for audit, (column, divisor) in METRICS.items():
        value = audits[audit]["numericValue"] / divisor
        result[column] = round(value, 3 if column == "CLS" else 1)
    elsewhere = [item["url"] for item in audits["network-requests"]["details"]["items"]
                 if not item["url"].startswith(("https://127.0.0.1", "http://127.0.0.1", "data:"))]
    result["offsite"] = len(elsewhere)
    return result


def audit_book(book: str, html: Path, url: str, pages: list[str]) -> list[dict]:
    rows = []
    for page in pages:
        for form_factor in FORM_FACTORS:
            rows.append(row(book, page, form_factor, lighthouse(url + page, form_factor)))
            print(format_row(rows[-1]), file=sys.stderr, flush=True)
    return rows


def run(site: Path | None = None, limit: int | None = None) -> list[dict]:
    """Lighthouse rows (one per book, page and form factor) for this book and the stock one."""
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        html = Path(site) if site else build_this_book(workdir)
        stock = build_stock_book(workdir)
        with serve_book(html, server=serve_https) as url:
            rows = audit_book("this book", html, url, html_pages(html)[:limit])
        with serve_https(stock) as base:
            rows += audit_book("stock", stock, base + "/", html_pages(stock)[:limit])
    return rows


COLUMNS = ["book", "page", "form", *CATEGORIES, *(c for c, _ in METRICS.values()), "offsite"]


def format_row(r: dict) -> str:
    return "| " + " | ".join(str(r[c]) for c in COLUMNS) + " |"


def table(rows: list[dict]) -> str:
    header = ["book", "page", "form", "perf", "a11y", "best pr.", "SEO", *(c for c, _ in METRICS.values()), "offsite"]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    return "\n".join(lines + [format_row(r) for r in rows])


def summary(rows: list[dict]) -> str:
    lines = ["| book | form | pages | performance min / median / max | a11y min | best pr. min | SEO min | KB median |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for book in ("this book", "stock"):
        for form in FORM_FACTORS:
            group = [r for r in rows if r["book"] == book and r["form"] == form]
            if not group:
                continue
            perf = [r["performance"] for r in group]
            lines.append(
                f"| {book} | {form} | {len(group)} | {min(perf)} / {statistics.median(perf):g} / {max(perf)} "
                f"| {min(r['accessibility'] for r in group)} | {min(r['best-practices'] for r in group)} "
                f"| {min(r['seo'] for r in group)} | {statistics.median(r['KB'] for r in group):g} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built _build/html of this book (default: build it)")
    parser.add_argument("--pages", type=int, help="audit only the first N pages of each book")
    parser.add_argument("--json", type=Path, help="also write the rows to this file")
    args = parser.parse_args(argv)
    rows = run(args.site, args.pages)
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    print(summary(rows) + "\n\n" + table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
