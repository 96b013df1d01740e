# A job's web service for bench/interactive-proxy.sh: a small page over HTTP/1.1 (keep-alive) and a
# WebSocket echo, standard library only. Usage: python3 service.py PORT
import base64, hashlib, struct, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = b"<!doctype html>\n<title>bench job</title>\n<p>" + b"x" * 400 + b"</p>\n"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.headers.get("Upgrade", "").lower() == "websocket":
            self.close_connection = True
            return self.echo()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def echo(self):
        key = self.headers["Sec-WebSocket-Key"] + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
        self.send_response(101)
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        self.send_header("Sec-WebSocket-Accept", base64.b64encode(hashlib.sha1(key.encode()).digest()).decode())
        self.end_headers()
        r = self.rfile
        while True:
            head = r.read(2)
            if len(head) < 2:
                return
            op, n = head[0] & 15, head[1] & 127
            if n == 126:
                n = struct.unpack(">H", r.read(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", r.read(8))[0]
            mask = r.read(4) if head[1] & 128 else bytes(4)
            data = bytes(b ^ mask[i % 4] for i, b in enumerate(r.read(n)))
            if op == 8:
                self.wfile.write(bytes([136, len(data[:2])]) + data[:2])
                return
            self.wfile.write(bytes([128 | (10 if op == 9 else op), n]) + data)  # the bench's messages are short


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer.request_queue_size = 256  # a burst of 100 WebSockets must not overflow the backlog
ThreadingHTTPServer(("0.0.0.0", int(sys.argv[1])), Handler).serve_forever()
