"""Reading uploaded documents safely: what a file really is, whether it is safe to open, its
text, and a preview of its first page."""
