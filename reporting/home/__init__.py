"""The home page, `/`: what each person should do next (`overview.py`), then where to start.

It sits in the top layer because it shows something of nearly every feature: a delegate's
reports, the cycle's counts, the Chair's reviews, the director's report to the SMEWG meeting
and the plans. The view reads all of it and hands the template plain values."""
