"""A minimal Chrome DevTools Protocol client for tests: the Debian `chromium`, headless,
driven over `--remote-debugging-pipe` (fd 3 in, fd 4 out, one JSON message per NUL-ended
frame) with the standard library only. No browser is downloaded.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

TIMEOUT = 30.0
SCRIPT_EVENTS = ("Runtime.consoleAPICalled", "Runtime.exceptionThrown", "Page.javascriptDialogOpening")


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Chromium:
    def __init__(self, binary: str, profile: Path) -> None:
        to_browser, self._write = os.pipe()
        self._read, from_browser = os.pipe()

        def wire_pipes() -> None:  # in the child: the protocol's fixed fds 3 and 4
            reading, writing = fcntl.fcntl(to_browser, fcntl.F_DUPFD, 10), fcntl.fcntl(from_browser, fcntl.F_DUPFD, 10)
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        flags = ["--headless", "--remote-debugging-pipe", "--disable-gpu", "--no-first-run",
                 "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}"]
        if os.geteuid() == 0:  # the sandbox refuses to run as root (CI containers)
            flags.append("--no-sandbox")
        self.process = subprocess.Popen([binary, *flags, "about:blank"], stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        preexec_fn=wire_pipes, close_fds=False)
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._read], [], [], left)[0]:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self._read, 1 << 16)
            if not chunk:
                raise ConnectionError("chromium closed the pipe")
            self._buffer += chunk
        frame, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(frame)
        if message.get("method") == "Page.javascriptDialogOpening":  # never let a dialog block the page
            self._post("Page.handleJavaScriptDialog", {"accept": True}, message.get("sessionId"))
        return message

    def _post(self, method: str, params: dict[str, Any] | None, session: str | None) -> int:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        return self._next_id

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        wanted = self._post(method, params, session)
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = self._receive(deadline)
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            if "method" in message:
                self.events.append(message)

    def wait_for(self, method: str, session: str, timeout: float = TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while not any(e["method"] == method and e.get("sessionId") == session for e in self.events):
            message = self._receive(deadline)
            if "method" in message:
                self.events.append(message)

    def drain(self, seconds: float) -> None:
        """Collect what arrives for a little while (a timer a script may have set)."""
        deadline = time.monotonic() + seconds
        try:
            while True:
                message = self._receive(deadline)
                if "method" in message:
                    self.events.append(message)
        except TimeoutError:
            pass

    def visit(self, url: str, probe: str | None = None) -> tuple[list[dict[str, Any]], Any]:
        """Load `url` in a new tab; the events it caused, and `probe` evaluated once loaded."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable", session=session)
        self.events.clear()
        self.send("Page.navigate", {"url": url}, session)
        self.wait_for("Page.loadEventFired", session)
        self.drain(0.3)
        value = None
        if probe is not None:
            value = self.send("Runtime.evaluate", {"expression": probe, "returnByValue": True}, session)["result"].get("value")
        self.send("Target.closeTarget", {"targetId": target})
        return [e for e in self.events if e.get("sessionId") == session], value

    def close(self) -> None:
        with contextlib.suppress(OSError, TimeoutError, ConnectionError, RuntimeError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._read)
        os.close(self._write)


def script_ran(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in events if e["method"] in SCRIPT_EVENTS]


def blocked_by_csp(events: list[dict[str, Any]]) -> list[str]:
    texts = [e["params"]["entry"].get("text", "") for e in events if e["method"] == "Log.entryAdded"]
    return [t for t in texts if "Content Security Policy" in t]
