#!/usr/bin/env python3
"""Runs a command (ssh) on a pseudo-terminal of 80x24, as a person's terminal would, then types
each line given on stdin once the output so far shows the marker before it ("marker<TAB>line");
a line "RESIZE cols rows" resizes the terminal instead (the command gets SIGWINCH). Prints what
the terminal showed and exits with the command's status."""
import fcntl, os, pty, select, signal, struct, sys, termios, time

def winsize(fd, cols, rows):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

steps = [line.rstrip("\n").split("\t", 1) for line in sys.stdin if line.strip()]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
winsize(fd, 80, 24)
os.kill(pid, signal.SIGWINCH)
seen, deadline = b"", time.time() + 60
while time.time() < deadline:
    if steps and steps[0][0].encode() in seen:
        marker, action = steps.pop(0)
        if action.startswith("RESIZE "):
            _, cols, rows = action.split()
            winsize(fd, int(cols), int(rows))
            os.kill(pid, signal.SIGWINCH)
        else:
            os.write(fd, (action + "\r").encode())
    ready, _, _ = select.select([fd], [], [], 0.2)
    if ready:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
sys.stdout.write(seen.decode("utf-8", "replace"))
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status >> 8)
