"""Sentences: splitting text into them (English and Chinese), also while it streams in."""

import re

# A sentence ends at . ! ? followed by a space and a capital, digit or quote (so "e.g. this"
# and "1.5" stay whole), or at a Chinese full stop, exclamation or question mark.
_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9\"“(\u3400-\u9fff])|(?<=[。！？])|\n{1,}")


def split(text: str) -> list[str]:
    return [part.strip() for part in _END.split(text) if part and part.strip()]


class Splitter:
    """Fed pieces of streamed text, gives back each sentence once it is complete."""

    def __init__(self) -> None:
        self.buffer = ""

    def feed(self, piece: str) -> list[str]:
        self.buffer += piece
        parts = split(self.buffer)
        if len(parts) <= 1:
            return []
        # The last part may still be growing; keep it until the next boundary or the end.
        done, last = parts[:-1], parts[-1]
        self.buffer = self.buffer[self.buffer.rfind(last) :]
        return done

    def finish(self) -> list[str]:
        rest, self.buffer = self.buffer, ""
        return split(rest)
