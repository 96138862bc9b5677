"""Showing a stored mail safely: as text, never as the sender's HTML.

An HTML-only mail is turned into text (its links kept as visible addresses);
the template then escapes that text and makes the addresses clickable with
`urlize`. No markup from a mail ever reaches the page.
"""

from html.parser import HTMLParser

from .models import Message

_BLOCK_TAGS = {
    "address", "article", "blockquote", "br", "div", "footer", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "li", "p", "pre", "section", "table", "tr",
}  # fmt: skip
_SKIPPED_TAGS = {"script", "style", "head", "title", "template", "noscript"}
_LINK_SCHEMES = ("http://", "https://", "mailto:")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0
        self._href: str | None = None
        self._link_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag == "a":
            href = (dict(attrs).get("href") or "").strip()
            self._href = href if href.lower().startswith(_LINK_SCHEMES) else None
            self._link_text = []

    def handle_endtag(self, tag):
        if tag in _SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag == "a" and self._href:
            text = "".join(self._link_text).strip()
            target = self._href.removeprefix("mailto:")
            if target not in text:
                self.parts.append(f" ({self._href}) ")
            self._href = None
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._skipping:
            return
        self.parts.append(data)
        if self._href is not None:
            self._link_text.append(data)


def html_to_text(html: str) -> str:
    """Readable text of an HTML mail, links written out in full."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()


def message_text(message: Message) -> str:
    """What the reader sees: the text part, or the HTML part turned into text."""
    if message.body_text.strip():
        return message.body_text
    return html_to_text(message.body_html)
