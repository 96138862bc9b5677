"""The paper notices de vote: one page per elector with their voting code, in PDF.

`pdf` lays out the pages (the notice, the establishment's hand-over sheet) with the
DejaVu fonts bundled in `fonts/`; `batches` writes them per establishment and per
académie, with the mail house's CSV. Nothing here touches the database.
"""
