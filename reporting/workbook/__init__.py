"""An economy's report as an Excel workbook: download it filled in, work on it offline, upload it.

The workbook describes itself, so that reading it back needs no knowledge of where things were
put: column A of every section sheet (hidden) says what each row is (a measure entry, an
initiative, a field of the section), a hidden row names the form field under each column, and a
hidden sheet names the economy, the year and the section versions the workbook was made from.
What the upload says then goes through the section forms and `section_save`, like the web page.
"""
