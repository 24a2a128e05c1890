"""How far a long run has got: a bar on a terminal, plain periodic lines anywhere else.

On a terminal, click's progress bar shows the count, the percentage and an estimate of the time left.
Written to a file or a pipe (a log, CI), a bar would be noise: a line such as
`ingredients: 1200/9207 (13%), about 52 s left` is printed every `interval` seconds and at the end.
"""

import sys
import time

import click

INTERVAL = 10.0


class Progress:
    """Count `total` items of `label`, starting at `done` (a resumed run); use as a context manager."""

    def __init__(self, label, total, done=0, interval=None, on_terminal=None):
        self.label, self.total, self.done = label, total, done
        self.interval = INTERVAL if interval is None else interval
        self.on_terminal = sys.stdout.isatty() if on_terminal is None else on_terminal
        self.started = self.last_line = time.monotonic()
        self.start_count = done
        self.bar = None

    def __enter__(self):
        if self.on_terminal:
            self.bar = click.progressbar(length=self.total, label=self.label, show_pos=True, show_eta=True,
                                         show_percent=True)
            self.bar.__enter__()
            self.bar.update(self.done)
        return self

    def update(self, count=1):
        self.done += count
        if self.bar is not None:
            self.bar.update(count)
        elif time.monotonic() - self.last_line >= self.interval:
            self._line()

    def __exit__(self, *exc_info):
        if self.bar is not None:
            self.bar.__exit__(*exc_info)
        elif exc_info[0] is None:
            self._line()

    def _line(self):
        self.last_line = now = time.monotonic()
        percent = 100 * self.done // self.total if self.total else 100
        line = f"{self.label}: {self.done}/{self.total} ({percent}%)"
        rate = (self.done - self.start_count) / max(now - self.started, 1e-9)
        if self.done < self.total and rate > 0:
            line += f", about {_duration((self.total - self.done) / rate)} left"
        click.echo(line)


def _duration(seconds):
    seconds = round(seconds)
    return f"{seconds} s" if seconds < 120 else f"{seconds // 60} min {seconds % 60:02d} s"
