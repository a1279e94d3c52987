"""Fetching an article from an http(s) URL without trusting the URL or the server.

Only http and https; every hop (the first request and each redirect) is resolved and
each address checked before connecting, and the connection goes to the address that
was checked (no second lookup a hostile DNS could answer differently). Loopback,
private, link-local, multicast and reserved addresses are refused unless the policy's
``allow`` networks name them (tests allow 127.0.0.1 to serve pages locally).
Timeouts bound each socket operation, and a watchdog thread shuts the socket at the
deadline of the whole fetch, so a server trickling headers or a body one byte at a
time cannot hold a crawl past ``total_timeout``; the body is capped in size. A URL
with credentials is refused and never echoed (``redact`` drops them from messages).
The page is only read as bytes here; HTML is parsed later by trafilatura, never run.
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

SCHEMES = ("http", "https")
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchError(Exception):
    """A URL that cannot or may not be fetched; ``str()`` is the one-line reason."""


@dataclass(frozen=True)
class FetchPolicy:
    timeout: float = 10.0
    total_timeout: float = 30.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    allow: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = field(default_factory=tuple)
    user_agent: str = "stance/0.1 (+article fetcher)"

    def permits(self, address: IPAddress) -> bool:
        if getattr(address, "ipv4_mapped", None):
            address = address.ipv4_mapped
        if any(address in net for net in self.allow):
            return True
        return address.is_global and not address.is_multicast


@dataclass
class Page:
    url: str
    content: str
    content_type: str

    @property
    def is_html(self) -> bool:
        return self.content_type in ("text/html", "application/xhtml+xml")


def looks_like_url(spec: str) -> bool:
    """A scheme followed by ':' (Windows drive letters are one letter, never a scheme here)."""
    return bool(_URL.match(spec)) and len(spec.split(":", 1)[0]) > 1


def redact(url: str) -> str:
    """``url`` without any user:password part, safe to print."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc="***@" + parts.netloc.rsplit("@", 1)[1]))


class _Watchdog:
    """Shuts the watched socket at the deadline, so no blocked read outlives it."""

    def __init__(self, deadline: float):
        self.sock: socket.socket | None = None
        self.fired = False
        self.timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._fire)
        self.timer.daemon = True

    def watch(self, sock: socket.socket | None) -> None:
        self.sock = sock
        if self.fired:
            self._fire()

    def _fire(self) -> None:
        self.fired = True
        sock = self.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


@contextmanager
def _watched(deadline: float) -> Iterator[_Watchdog]:
    dog = _Watchdog(deadline)
    dog.timer.start()
    try:
        yield dog
    finally:
        dog.timer.cancel()


def _remaining(deadline: float, policy: FetchPolicy) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"fetch took longer than {policy.total_timeout:g} s in all")
    return min(policy.timeout, left)


def _check_url(url: str) -> tuple[str, str, int, str]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise FetchError(f"only http and https URLs are allowed, not '{scheme}:'")
    if not parts.hostname:
        raise FetchError("URL has no host")
    if parts.username or parts.password:
        raise FetchError("URLs with credentials are not allowed")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise FetchError("URL has an invalid port") from None
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return scheme, parts.hostname, port, path


def _resolve(host: str, port: int, policy: FetchPolicy) -> str:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as err:
        raise FetchError(f"cannot resolve host '{host}' ({err})") from None
    addresses = {ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos}
    refused = sorted(str(a) for a in addresses if not policy.permits(a))
    if refused or not addresses:
        raise FetchError(f"host '{host}' resolves to a non-public address ({', '.join(refused)}); refused")
    return str(sorted(addresses, key=lambda a: a.version)[0])


def _connection(scheme: str, host: str, port: int, address: str, timeout: float) -> http.client.HTTPConnection:
    if scheme == "https":
        conn = http.client.HTTPSConnection(host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
    conn._create_connection = lambda _addr, t, src: socket.create_connection((address, port), t, src)  # pin the checked address
    return conn


def _media_type(header: str | None) -> tuple[str, str]:
    value = (header or "").split(";")
    charset = next((p.split("=", 1)[1].strip().strip('"') for p in value[1:] if p.strip().lower().startswith("charset=")), "utf-8")
    return value[0].strip().lower(), charset


def _read_body(resp: http.client.HTTPResponse, sock: socket.socket | None, policy: FetchPolicy, deadline: float) -> bytes:
    length = resp.getheader("Content-Length")
    if length and length.isdigit() and int(length) > policy.max_bytes:
        raise FetchError(f"page too large ({length} bytes; limit {policy.max_bytes})")
    chunks, size = [], 0
    while True:
        timeout = _remaining(deadline, policy)
        if sock is not None:  # each read waits at most what is left; read1 returns what one read got
            sock.settimeout(timeout)
        chunk = resp.read1(65536)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > policy.max_bytes:
            raise FetchError(f"page too large (over {policy.max_bytes} bytes)")
        chunks.append(chunk)


def fetch(url: str, policy: FetchPolicy | None = None) -> Page:
    """GET ``url`` under ``policy``, following safe redirects by hand."""
    policy = policy or FetchPolicy()
    deadline = time.monotonic() + policy.total_timeout
    for _ in range(policy.max_redirects + 1):
        scheme, host, port, path = _check_url(url)
        address = _resolve(host, port, policy)
        conn = _connection(scheme, host, port, address, _remaining(deadline, policy))
        try:
            with _watched(deadline) as dog:
                body, media, charset, location = _exchange(conn, dog, path, policy, deadline)
            if dog.fired or time.monotonic() > deadline:
                raise FetchError(f"fetch took longer than {policy.total_timeout:g} s in all")
        except (OSError, http.client.HTTPException) as err:
            if time.monotonic() > deadline:
                raise FetchError(f"fetch took longer than {policy.total_timeout:g} s in all") from None
            if isinstance(err, TimeoutError | socket.timeout):
                raise FetchError(f"timed out after {policy.timeout:g} s") from None
            raise FetchError(f"cannot fetch ({type(err).__name__}: {err})") from None
        finally:
            conn.close()
        if location is not None:
            url = urljoin(url, location)
            continue
        try:
            text = body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            raise FetchError(f"page is not valid {charset} text") from None
        return Page(url=url, content=text, content_type=media or "text/html")
    raise FetchError(f"more than {policy.max_redirects} redirects")


def _exchange(conn: http.client.HTTPConnection, dog: _Watchdog, path: str, policy: FetchPolicy,
              deadline: float) -> tuple[bytes, str, str, str | None]:
    """One request: (body, media type, charset, None) or (b"", "", "", redirect location)."""
    conn.request("GET", path, headers={"User-Agent": policy.user_agent, "Accept": ", ".join(TEXT_TYPES),
                                       "Accept-Encoding": "identity"})
    sock = conn.sock  # kept: getresponse() drops conn.sock when the server will close
    dog.watch(sock)
    resp = conn.getresponse()
    if resp.status in (301, 302, 303, 307, 308):
        location = resp.getheader("Location")
        if not location:
            raise FetchError(f"redirect ({resp.status}) without a Location")
        return b"", "", "", location
    if resp.status != 200:
        raise FetchError(f"server answered HTTP {resp.status} {resp.reason}")
    media, charset = _media_type(resp.getheader("Content-Type"))
    if media and media not in TEXT_TYPES:
        raise FetchError(f"not an article page (content type '{media}')")
    return _read_body(resp, sock, policy, deadline), media, charset, None
