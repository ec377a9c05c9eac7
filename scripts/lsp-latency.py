#!/usr/bin/env python3
# The time from a change to its diagnostics in `counterpoint lsp`, measured as an editor sees it:
# opens FILE, then sends 50 whole-text changes (a statement being typed at the end) and times
# each from `didChange` sent to `publishDiagnostics` received for FILE.
#
#   cargo build --release
#   scripts/lsp-latency.py target/release/counterpoint arguments/00-debate.argdown ../shared/sources
import json, subprocess, sys, time, os, statistics
binary, path, sources = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
p = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
def send(m):
    b = json.dumps(m).encode()
    p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(b) + b); p.stdin.flush()
def recv():
    n = None
    while True:
        l = p.stdout.readline().strip()
        if not l: break
        if l.startswith(b"Content-Length:"): n = int(l.split(b":")[1])
    return json.loads(p.stdout.read(n))
uri = "file://" + path
send({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":None,"rootUri":None,"capabilities":{},"initializationOptions":{"sources":sources}}})
recv(); send({"jsonrpc":"2.0","method":"initialized","params":{}})
text = open(path).read()
def wait():
    while True:
        m = recv()
        if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri: return m
t=time.perf_counter(); send({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":uri,"languageId":"argdown","version":1,"text":text}}}); wait(); opened=time.perf_counter()-t
times=[]
for v in range(2, 52):
    t=time.perf_counter()
    send({"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":uri,"version":v},"contentChanges":[{"text":text+"\n[Typed]: "+"x"*v+"\n"}]}})
    wait(); times.append(time.perf_counter()-t)
send({"jsonrpc":"2.0","id":2,"method":"shutdown"}); recv(); send({"jsonrpc":"2.0","method":"exit"}); p.wait()
print(f"open {opened*1000:.1f} ms; change->diagnostics median {statistics.median(times)*1000:.1f} ms, max {max(times)*1000:.1f} ms over {len(times)} changes")
