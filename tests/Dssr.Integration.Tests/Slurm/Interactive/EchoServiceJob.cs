using System.Text;
using Dssr.Integration.Tests.Slurm;

namespace Dssr.Integration.Tests.Slurm.Interactive;

/// <summary>
/// An interactive upstream script for the test bed: after its gate opens, the job serves <see cref="Page"/> over
/// HTTP and a WebSocket echo (Debian's python3, standard library only) on the port the wrapper gave it. No
/// container runtime exists on the bed, so the body reads the port from the SINGULARITYENV_ variable itself.
/// </summary>
public static class EchoServiceJob
{
    public const string Page = "<!doctype html>\n<title>interactive test job</title>\n<p>h\u00e9llo from the job's own service</p>\n";

    private const string Server = """
        import base64, hashlib, struct, sys
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        PAGE = open(sys.argv[2], "rb").read()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, *args):
                pass

            def do_HEAD(self):
                self.page(False)

            def do_GET(self):
                if self.headers.get("Upgrade", "").lower() == "websocket":
                    self.close_connection = True
                    return self.echo()
                self.page(True)

            def page(self, body):
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(PAGE)))
                self.end_headers()
                if body:
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
                        self.frame(8, data[:2])
                        return
                    self.frame(10 if op == 9 else op, data)

            def frame(self, op, data):
                n = len(data)
                if n < 126:
                    size = bytes([n])
                elif n < 65536:
                    size = bytes([126]) + struct.pack(">H", n)
                else:
                    size = bytes([127]) + struct.pack(">Q", n)
                self.wfile.write(bytes([128 | op]) + size + data)

        ThreadingHTTPServer.request_queue_size = 128
        ThreadingHTTPServer(("0.0.0.0", int(sys.argv[1])), Handler).serve_forever()
        """;

    public static string Script(JobGate gate)
    {
        static string Escaped(string s) => s.Replace("{", "{{").Replace("}", "}}");
        return new StringBuilder()
            .Append("#!/bin/bash\n")
            .Append("JOBOBJ_INTERACTIVE=True\nJOBOBJ_APPDEFVERSION=2\nJOBOBJ_ARCH=amd64\nJOBOBJ_NAE=app-desktop\n")
            .Append("JOBOBJ_REPO=us-docker.pkg.dev/jarvice-apps/images/app-desktop:latest\n")
            .Append("JOBOBJ_DEVICES=[]\nJOBOBJ_GPUS=0\nJOBOBJ_RAM=0\nJARVICE_CPU_CORES=1\n")
            .Append("JARVICE_CMD='true'\n\n{DOWNSTREAM_PARAMETERS}\n\n")
            .Append("echo \"service port $SINGULARITYENV_JARVICE_SERVICE_PORT\"\n")
            .Append(gate.WaitLines)
            .Append("dir=\"$(mktemp -d)\"\n")
            .Append("cat > \"$dir/page\" <<'PAGE_END'\n").Append(Escaped(Page)).Append("PAGE_END\n")
            .Append("cat > \"$dir/server.py\" <<'PY_END'\n").Append(Escaped(Server)).Append("\nPY_END\n")
            .Append("python3 \"$dir/server.py\" \"$SINGULARITYENV_JARVICE_SERVICE_PORT\" \"$dir/page\"\n")
            .Append("/bin/echo JARVICE_CMD_SUCCESS\n")
            .ToString();
    }
}
