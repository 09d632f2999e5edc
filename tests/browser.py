"""Open a page in real headless Chromium over the DevTools protocol (through a pipe: no port, no extra package).

``visit(path)`` loads a local file and returns every URL the page asked for, the console errors and
uncaught exceptions, and a full-page PNG screenshot. Used by the report tests (Debian's ``chromium``).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import struct
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class Visit:
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    png: bytes = b""

    @property
    def size(self) -> tuple[int, int]:
        """Width and height of the screenshot, from its PNG header."""
        return struct.unpack(">II", self.png[16:24])


class _Pipe:
    def __init__(self, write_fd: int, read_fd: int) -> None:
        self.write_fd, self.read_fd = write_fd, read_fd
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict] = []

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> int:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.write_fd, json.dumps(message).encode() + b"\0")
        return self.next_id

    def _read(self, deadline: float) -> dict:
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.read_fd], [], [], left)[0]:
                raise TimeoutError("chromium did not answer in time")
            chunk = os.read(self.read_fd, 1 << 20)
            if not chunk:
                raise EOFError("chromium closed the pipe")
            self.buffer += chunk
        message, _, self.buffer = self.buffer.partition(b"\0")
        return json.loads(message)

    def call(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 60) -> dict:
        wanted = self.send(method, params, session)
        deadline = time.monotonic() + timeout
        while True:
            message = self._read(deadline)
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method: str, timeout: float = 60) -> dict:
        for i, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(i)
        deadline = time.monotonic() + timeout
        while True:
            message = self._read(deadline)
            if message.get("method") == method:
                return message
            self.events.append(message)


@contextlib.contextmanager
def _page(path: Path, width: int = 900, mobile: bool = False):
    """A headless Chromium tab with ``path`` loaded at ``width`` CSS px: yields (pipe, session)."""
    to_chrome_r, to_chrome_w = os.pipe()
    from_chrome_r, from_chrome_w = os.pipe()
    profile = tempfile.mkdtemp(prefix="dtikit-chromium-")
    flags = [
        "--headless",
        "--disable-gpu",
        "--no-sandbox",
        "--no-first-run",
        "--remote-debugging-pipe",
        f"--user-data-dir={profile}",
        "about:blank",
    ]
    command = f'exec "$0" "$@" 3<&{to_chrome_r} 4>&{from_chrome_w}'
    proc = subprocess.Popen(
        ["bash", "-c", command, chromium(), *flags],
        pass_fds=(to_chrome_r, from_chrome_w),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(to_chrome_r)
    os.close(from_chrome_w)
    pipe = _Pipe(to_chrome_w, from_chrome_r)
    try:
        target = pipe.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = pipe.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            pipe.call(f"{domain}.enable", session=session)
        pipe.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 1000, "deviceScaleFactor": 1, "mobile": mobile},
            session=session,
        )
        pipe.call("Page.navigate", {"url": path.resolve().as_uri()}, session=session)
        pipe.wait_for("Page.loadEventFired")
        # console messages logged while the page settles: the protocol sends each event before the answer
        # to a later call, so once two animation frames have passed every earlier message is in events
        pipe.call(
            "Runtime.evaluate",
            {
                "expression": "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))",
                "awaitPromise": True,
            },
            session=session,
        )
        yield pipe, session
        with contextlib.suppress(EOFError, TimeoutError, RuntimeError):
            pipe.call("Browser.close", timeout=10)
    finally:
        os.close(to_chrome_w)
        os.close(from_chrome_r)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(profile, ignore_errors=True)


def visit(path: Path, width: int = 900) -> Visit:
    """Load ``path`` in headless Chromium; record requests, console errors and a full-page screenshot."""
    result = Visit()
    with _page(path, width) as (pipe, session):
        metrics = pipe.call("Page.getLayoutMetrics", session=session)
        height = int(metrics["cssContentSize"]["height"])
        shot = pipe.call(
            "Page.captureScreenshot",
            {
                "format": "png",
                "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
            },
            session=session,
        )
        result.png = base64.b64decode(shot["data"])
        for event in pipe.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Network.requestWillBeSent":
                result.requests.append(params["request"]["url"])
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
                result.errors.append(json.dumps(params.get("args")))
            elif method == "Runtime.exceptionThrown":
                result.errors.append(json.dumps(params.get("exceptionDetails")))
            elif method == "Log.entryAdded" and params["entry"].get("level") in ("error", "warning"):
                result.errors.append(params["entry"].get("text", ""))
    return result


def print_pdf(path: Path) -> bytes:
    """``path`` printed to PDF as a person prints it (the page's own @page size, no browser header or footer)."""
    with _page(path) as (pipe, session):
        printed = pipe.call(
            "Page.printToPDF",
            {"preferCSSPageSize": True, "displayHeaderFooter": False, "printBackground": True},
            session=session,
            timeout=120,
        )
    return base64.b64decode(printed["data"])


def pdf_pages(pdf: bytes) -> int:
    """The number of pages of a PDF (its page objects; Chromium writes no compressed object streams for them)."""
    import re

    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def overflow(path: Path, width: int = 375) -> dict:
    """On a phone ``width`` px wide: the page's scroll width, and the elements wider than the screen."""
    script = (
        "(() => { const w = document.documentElement.clientWidth;"
        " const wide = [...document.querySelectorAll('body *')].filter(e => {"
        "  const r = e.getBoundingClientRect(); let p = e.parentElement;"
        "  while (p && p !== document.body) { if (getComputedStyle(p).overflowX !== 'visible') return false;"
        "   p = p.parentElement; }"
        "  return r.right > w + 1; }).map(e => e.tagName + '.' + e.className).slice(0, 5);"
        " return JSON.stringify({client: w, scroll: document.documentElement.scrollWidth, wide: wide}); })()"
    )
    with _page(path, width, mobile=True) as (pipe, session):
        found = pipe.call("Runtime.evaluate", {"expression": script, "returnByValue": True}, session=session)
    return json.loads(found["result"]["value"])
