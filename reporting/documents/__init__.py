"""What the Chair's reviews and the program director's annual reports share as documents: the
frozen-content model mixin, the one registry of file formats, how a file is rendered, kept in
storage and made by the task worker, and how a download answers."""
