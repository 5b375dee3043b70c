"""The fonts the documents are set in, kept with the project (reporting/documents/fonts/, each
with its SIL Open Font License), so that a machine with no fonts of its own prints every script
the forms accept: Latin in Noto Sans, Chinese, Japanese and Korean in Noto Sans CJK, emoji in
the monochrome Noto Emoji (a PDF prints in black; the colour emoji font is a bitmap).

The PDF loads them with @font-face from these files; the Word charts (images.py) draw with them;
the Word file names them in its styles, since Word cannot take a font inside a .docx written by
python-docx (the reader's machine supplies them, see docs/exports.md)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "fonts"

# The PDF's families, in the order a character is looked for: a letter Noto Sans lacks (an
# ideograph, a Hangul syllable, an emoji) is taken from the next.
LATIN = "SMEWG Noto Sans"
CJK = "SMEWG Noto Sans CJK"
EMOJI = "SMEWG Noto Emoji"
FAMILIES = (LATIN, CJK, EMOJI)


@dataclass(frozen=True)
class Face:
    family: str
    file: str
    weight: int = 400
    italic: bool = False

    @property
    def path(self) -> Path:
        return FOLDER / self.file


FACES = (
    Face(LATIN, "NotoSans-Regular.ttf"),
    Face(LATIN, "NotoSans-Bold.ttf", weight=700),
    Face(LATIN, "NotoSans-Italic.ttf", italic=True),
    Face(LATIN, "NotoSans-BoldItalic.ttf", weight=700, italic=True),
    # One weight of the CJK font (16 MB): bold CJK text is emboldened from it.
    Face(CJK, "NotoSansCJKsc-Regular.otf"),
    Face(EMOJI, "NotoEmoji-Regular.ttf"),
)

# The names the Word file gives its text, as the fonts call themselves on a reader's machine.
WORD_LATIN = "Arial"
WORD_EAST_ASIAN = "Noto Sans CJK SC"


def font_face_css() -> str:
    """The @font-face rules of the bundled fonts, for WeasyPrint."""
    return "\n".join(
        f'@font-face {{ font-family: "{face.family}"; src: url("{face.path.as_uri()}"); '
        f"font-weight: {face.weight}; font-style: {'italic' if face.italic else 'normal'}; }}"
        for face in FACES
    )


def image_font(*, bold: bool = False) -> Path:
    """The Latin face the Word charts' labels are drawn with."""
    return next(
        face.path
        for face in FACES
        if face.family == LATIN and not face.italic and (face.weight == 700) == bold
    )
