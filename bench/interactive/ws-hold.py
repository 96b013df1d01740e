# Holds N WebSockets open to URL for SECONDS, each sending a short message every 0.2 s and checking the echo.
# Prints the number of echoes and failures. Usage: python3 ws-hold.py ws://127.0.0.1:5000/job1/ N SECONDS
import base64, os, socket, sys, time, threading
from urllib.parse import urlparse

url, count, seconds = urlparse(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
echoes, failures, lock = [0], [0], threading.Lock()


def frame(payload):
    mask = os.urandom(4)
    return bytes([0x81, 0x80 | len(payload)]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def hold(i):
    stage = "connect"
    try:
        s = socket.create_connection((url.hostname, url.port), timeout=10)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        key = base64.b64encode(os.urandom(16)).decode()
        s.sendall((f"GET {url.path} HTTP/1.1\r\nHost: {url.netloc}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        stage = "upgrade"
        head = b""
        while b"\r\n\r\n" not in head:
            head += s.recv(1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise IOError(head.split(b"\r\n")[0])
        stage = "echo"
        end, n = time.time() + seconds, 0
        while time.time() < end:
            msg = f"ws {i} message {n}".encode()
            s.sendall(frame(msg))
            got = b""
            while len(got) < 2 + len(msg):
                chunk = s.recv(4096)
                if not chunk:
                    raise IOError("closed")
                got += chunk
            if got[2:] != msg:
                raise IOError("wrong echo")
            with lock:
                echoes[0] += 1
            n += 1
            time.sleep(0.2)
        s.close()
    except Exception as e:
        with lock:
            failures[0] += 1
        print(f"ws {i}: {stage}: {e}", file=sys.stderr)


threads = [threading.Thread(target=hold, args=(i,)) for i in range(count)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"{echoes[0]} {failures[0]}")
