"""What an HTML page holds, read with the standard library's HTML parser: its links, its ids,
and the ids that its `aria-describedby` and `aria-labelledby` attributes name."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

# Attributes whose value is a list of ids on the same page; a missing id silences what it names.
ID_REFERENCES = ("aria-describedby", "aria-labelledby")


@dataclass
class Document:
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    # (tag, attribute, id named) for every id an ID_REFERENCES attribute names.
    references: list[tuple[str, str, str]] = field(default_factory=list)

    def dangling_references(self) -> list[str]:
        """Each reference to an id the page lacks, as “<input aria-describedby> names id_x”."""
        return [
            f"<{tag} {attribute}> names {target!r}, which is not on the page"
            for tag, attribute, target in self.references
            if target not in self.ids
        ]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.document = Document()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if values.get("id"):
            self.document.ids.add(values["id"])
        if tag == "a" and "href" in values:
            self.document.links.append(values["href"])
        for attribute in ID_REFERENCES:
            for target in values.get(attribute, "").split():
                self.document.references.append((tag, attribute, target))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def read(html: str) -> Document:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.document


def dangling_references(response) -> list[str]:
    """The ids a page's aria attributes name but the page does not hold (none for non-HTML)."""
    if not response["Content-Type"].startswith("text/html"):
        return []
    return read(response.content.decode()).dangling_references()
