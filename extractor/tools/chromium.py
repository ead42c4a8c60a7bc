"""Headless Chromium driven over the DevTools protocol, standard library only: used by the report's browser
test and by ``make bench`` (the time a report takes to open).

The protocol runs over a pipe (``--remote-debugging-pipe``: commands on the browser's fd 3, replies and events
on fd 4, each message JSON ended by NUL), so no port is opened and no WebSocket client is needed. Every console
error, uncaught exception, log entry of level error and network request of the page is collected, so a test
can assert that a page ran cleanly and fetched nothing.

    with Chromium() as browser:
        browser.open("file:///.../report.html", ready="window.__xrReady")
        browser.evaluate("document.title")
        browser.screenshot("out/overview.png")
        assert not browser.problems
"""
from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

BINARIES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# The machine's network is closed and the run must not wait on it: no background or component traffic.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars"]


class BrowserError(RuntimeError):
    """Chromium could not be started, answered with an error, or did not answer in time."""


def find_chromium() -> str | None:
    """Path of a Chromium (or Chrome) binary on PATH, or None."""
    return next((p for p in map(shutil.which, BINARIES) if p), None)


class Chromium:
    """One headless browser with one page. Use as a context manager (the browser and its profile are removed)."""

    def __init__(self, binary: str | None = None, width: int = 1400, height: int = 900, timeout: float = 60.0):
        self.binary = binary or find_chromium()
        if not self.binary:
            raise BrowserError("no chromium binary on PATH (apt-get install chromium)")
        self.timeout = timeout
        self.problems: list[str] = []   # console errors, exceptions, error log entries
        self.requests: list[str] = []   # every URL the page asked for
        self._profile = tempfile.mkdtemp(prefix="extractor-chromium-")
        self._next_id = 0
        self._buffer = b""
        self._events: list[dict] = []
        self._start()
        try:
            target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
            self._session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Page", "Runtime", "Log", "Network"):
                self.call(f"{domain}.enable", session=True)
            self.call("Emulation.setDeviceMetricsOverride", {"width": width, "height": height,
                                                             "deviceScaleFactor": 1, "mobile": False}, session=True)
        except BaseException:
            self.close()
            raise

    def _start(self) -> None:
        to_browser, from_us = os.pipe()
        to_us, from_browser = os.pipe()
        # Move the browser's ends above 10 so the dup2 onto 3 and 4 below never overwrites one of them.
        ends = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (to_browser, from_browser)]
        os.close(to_browser)
        os.close(from_browser)

        def child_fds() -> None:  # runs in the child between fork and exec
            os.dup2(ends[0], 3)
            os.dup2(ends[1], 4)

        self._proc = subprocess.Popen(
            [self.binary, *FLAGS, f"--user-data-dir={self._profile}", "--remote-debugging-pipe", "about:blank"],
            preexec_fn=child_fds, close_fds=False, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        for fd in ends:
            os.close(fd)
        self._write = os.fdopen(from_us, "wb", buffering=0)
        self._read_fd = to_us

    # ------------------------------------------------------------ protocol

    def _send(self, message: dict) -> None:
        try:
            self._write.write(json.dumps(message).encode() + b"\0")
        except BrokenPipeError as exc:
            raise BrowserError(f"chromium exited (code {self._proc.poll()})") from exc

    def _receive(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._read_fd], [], [], left)[0]:
                raise BrowserError("chromium did not answer in time")
            chunk = os.read(self._read_fd, 1 << 20)
            if not chunk:
                raise BrowserError(f"chromium closed the protocol pipe (exit code {self._proc.poll()})")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message = json.loads(raw)
        if "method" in message:
            self._note(message)
        return message

    def _note(self, event: dict) -> None:
        method, params = event["method"], event.get("params", {})
        self._events.append(event)
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            args = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            self.problems.append(f"console.{params['type']}: {args}")
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            text = details.get("exception", {}).get("description") or details.get("text", "")
            self.problems.append(f"exception: {text}")
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            self.problems.append(f"log ({entry.get('source')}): {entry.get('text')} {entry.get('url', '')}".strip())
        elif method == "Network.requestWillBeSent":
            self.requests.append(params.get("request", {}).get("url", ""))

    def call(self, method: str, params: dict | None = None, session: bool = False,
             timeout: float | None = None) -> dict:
        """Send one command and wait for its result (events that come meanwhile are collected)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self._session
        self._send(message)
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})

    def _wait_event(self, method: str, deadline: float) -> dict:
        while True:
            for i, event in enumerate(self._events):
                if event["method"] == method:
                    return self._events.pop(i)
            self._receive(deadline)

    # ------------------------------------------------------------ page

    def open(self, url: str, ready: str | None = None, timeout: float | None = None) -> float:
        """Load ``url`` and wait for its load event and, if given, until the JavaScript expression ``ready`` is
        truthy; returns the seconds that took."""
        t0 = time.perf_counter()
        deadline = time.monotonic() + (timeout or self.timeout)
        self._events = [e for e in self._events if e["method"] != "Page.loadEventFired"]
        self.call("Page.navigate", {"url": url}, session=True)
        self._wait_event("Page.loadEventFired", deadline)
        if ready:
            self.wait_for(ready, deadline - time.monotonic())
        return time.perf_counter() - t0

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (JSON-serialisable values; promises awaited)."""
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True}, session=True)
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression[:80]}: {result['exceptionDetails'].get('text')}")
        return result.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float = 30.0) -> Any:
        """Poll ``expression`` until it is truthy; its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise BrowserError(f"timed out waiting for {expression}")
            time.sleep(0.05)

    def screenshot(self, path: str | Path, full_page: bool = False) -> Path:
        """A PNG of the page (the viewport, or the whole page up to 10,000 px high)."""
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            height = min(10_000, int(self.evaluate("document.documentElement.scrollHeight")))
            width = int(self.evaluate("document.documentElement.clientWidth"))
            params.update(captureBeyondViewport=True, clip={"x": 0, "y": 0, "width": width, "height": height,
                                                            "scale": 1})
        data = self.call("Page.captureScreenshot", params, session=True)["data"]
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        try:
            self._send({"id": self._next_id + 1, "method": "Browser.close"})
        except BrowserError:
            pass
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._write.close()
        os.close(self._read_fd)
        shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> "Chromium":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
