#!/usr/bin/env python3
"""Static server for www/ on 127.0.0.1 that sends what a careful host would send: the strict
Content-Security-Policy the widget is built for (no inline script or style, no eval; only
'wasm-unsafe-eval'), and CORS for the files, so the widget also runs inside a sandboxed iframe
(opaque origin) and from other hosts' pages. Usage: server.py PORT [DIRECTORY] [--fixtures DIR].

With --fixtures (the tests), /fixtures/<name> serves DIR/<name>, and a few names act out what
real data servers do: rate-limited.csv (429), down.csv (503), slow.csv (answers after 12 s),
huge.csv (a 5 MB + 10 byte body), html.csv (an HTML error page with status 200)."""
import functools
import http.server
import os
import sys
import time

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self' http: https:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
])


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript", ".svg": "image/svg+xml"}

    def end_headers(self):
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Cache-Control", "no-cache")
        if self.path.split("?")[0].split("#")[0].endswith((".html", "/")):
            self.send_header("Content-Security-Policy", CSP)
        super().end_headers()

    fixtures = None

    def do_GET(self):
        path = self.path.split("?")[0]
        if self.fixtures and path.startswith("/fixtures/"):
            return self.fixture(os.path.basename(path))
        return super().do_GET()

    def fixture(self, name):
        def reply(status, body, ctype="text/plain"):
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        if name == "rate-limited.csv":
            return reply(429, b"rate limited")
        if name == "down.csv":
            return reply(503, b"service unavailable")
        if name == "html.csv":
            return reply(200, b"<!doctype html><title>Error</title><p>Something went wrong</p>", "text/html")
        if name == "huge.csv":
            return reply(200, b"x" * (5 * 1024 * 1024 + 10), "text/csv")
        if name == "slow.csv":
            time.sleep(12)
            return reply(200, b"date,open,high,low,close\n", "text/csv")
        file = os.path.join(self.fixtures, name)
        if not os.path.isfile(file):
            return reply(404, b"not found")
        with open(file, "rb") as f:
            return reply(200, f.read(), "application/octet-stream")

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.address_string(), fmt % args))


def main():
    args = sys.argv[1:]
    if "--fixtures" in args:
        i = args.index("--fixtures")
        Handler.fixtures = os.path.abspath(args[i + 1])
        del args[i:i + 2]
    port = int(args[0]) if args else 8000
    directory = args[1] if len(args) > 1 else "www"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=directory))
    server.serve_forever()


if __name__ == "__main__":
    main()
