"""The program director's annual report as Word and PDF, one renderer module a format (the
registry: reporting.documents.formats), each made from the report's content alone.

As for the review, a file's bytes depend on its content alone (every date in it is the "as of"
time), and the task worker keeps the files in the default storage under the hash of that
content (reporting.documents.stored): a final report's files are made when it is frozen and
every later download reads them, byte for byte, whatever happens to the live data; a draft's
are made again when its content changed, and replace its older ones.
"""
