"""The web-service example of docs/guide.md, served on 127.0.0.1 and sent bad requests.

The code under test is taken from the guide itself (the ``>>>`` lines that define ``app`` and the
Python block that serves it), so the guide shows exactly the code tested here.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import post65

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "guide.md"
EXAMPLE = ROOT / "examples" / "nordland-2024.portfolio.json"
WAIT = 20.0  # seconds a client waits for an answer before the test fails (never reached)


def _guide_code() -> tuple[str, str]:
    """The application (from its ``>>>`` lines) and the serving code (the Python block)."""
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index(">>> import json\n>>> LIMIT")
    lines: list[str] = []
    for line in text[start:].splitlines():
        if line.startswith((">>> ", "... ")):
            lines.append(line[4:])
        elif line in (">>>", "..."):
            lines.append("")
        else:
            break
    serving = re.search(r"```python\n(from socketserver .*?)```", text, flags=re.DOTALL)
    assert serving is not None
    return "\n".join(lines) + "\n", serving.group(1)


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, int]]:
    app_code, serve_code = _guide_code()
    namespace: dict[str, Any] = {"post65": post65, "__name__": "guide"}
    exec(compile(app_code, str(GUIDE), "exec"), namespace)  # noqa: S102 - the guide's own code
    exec(compile(serve_code, str(GUIDE), "exec"), namespace)  # noqa: S102 - likewise
    namespace["Handler"].timeout = 3  # the slow client below is dropped quickly
    httpd = namespace["serve"](namespace["app"], port=0)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield "127.0.0.1", httpd.server_address[1]
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(WAIT)


def _raw(address: tuple[str, int], head: str, body: bytes = b"") -> tuple[int, dict[str, Any]]:
    """Send ``head`` (request line and headers) and ``body`` as they are; the status and JSON."""
    with socket.create_connection(address, timeout=WAIT) as sock:
        sock.sendall(head.replace("\n", "\r\n").encode("latin-1") + b"\r\n" + body)
        sock.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    data = b"".join(chunks)
    status_line, _, rest = data.partition(b"\r\n")
    _, _, payload = rest.partition(b"\r\n\r\n")
    return int(status_line.split()[1]), json.loads(payload)


def _post(address: tuple[str, int], body: bytes, lang: str = "en") -> tuple[int, dict[str, Any]]:
    conn = http.client.HTTPConnection(*address, timeout=WAIT)
    try:
        conn.request("POST", "/check", body=body, headers={"Accept-Language": lang})
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


HEAD = "POST /check HTTP/1.1\nHost: localhost\nConnection: close\n"


@pytest.mark.parametrize(
    ("header", "status"),
    [
        ("", 411),
        ("Content-Length: -5\n", 400),
        ("Content-Length: abc\n", 400),
        ("Content-Length: 1_000\n", 400),
        ("Content-Length: 12.5\n", 400),
        (f"Content-Length: {post65.io.MAX_DOCUMENT_BYTES + 1}\n", 413),
        (f"Content-Length: {'9' * 5000}\n", 413),
    ],
)
def test_a_bad_content_length_is_a_4xx_never_a_500(
    server: tuple[str, int], header: str, status: int
) -> None:
    code, payload = _raw(server, HEAD + header, b'{"kind": "portfolio"}')
    assert code == status
    assert "error" in payload


def test_a_document_is_checked(server: tuple[str, int]) -> None:
    code, payload = _post(server, EXAMPLE.read_bytes())
    assert code == 200
    assert payload["summary"]["not_met"] == 1


def test_a_key_with_a_lone_surrogate_is_a_422_with_its_pointer(server: tuple[str, int]) -> None:
    body = b'{"kind": "portfolio", "county": "18", "year": 2024, "\\ud800x": 1}'
    code, payload = _post(server, body)
    assert code == 422
    assert [p["where"] for p in payload["problems"]] == ["/\\ud800x"]
    body = b'{"kind": "portfolio", "county": "18", "year": 2024, "split": {"a": "\\udc00"}}'
    code, payload = _post(server, body, lang="nb")
    assert code == 422
    assert [p["where"] for p in payload["problems"]] == ["/split/a"]


def test_bytes_that_are_not_utf8_are_a_422(server: tuple[str, int]) -> None:
    code, payload = _post(server, b'{"kind": "portfolio", "county": "\xed\xa0\x80"}')
    assert code == 422
    assert payload["problems"][0]["where"] == ""


def test_a_slow_client_does_not_hold_up_the_others(server: tuple[str, int]) -> None:
    with socket.create_connection(server, timeout=WAIT) as slow:
        # announces 100 bytes, sends 10 and keeps the connection open
        slow.sendall((HEAD + "Content-Length: 100\n").replace("\n", "\r\n").encode() + b"\r\n")
        slow.sendall(b'{"kind": "')
        code, payload = _post(server, EXAMPLE.read_bytes())
        assert code == 200
        assert "findings" in payload
        code, _ = _raw(server, HEAD + "Content-Length: -1\n")
        assert code == 400
