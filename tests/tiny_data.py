"""Eighteen labeled objectives, six a grade: the smallest set a grader can be trained on in tests."""

TINY_LABELED = [
    ("Get new business", "vague"), ("Grow my network", "vague"), ("Find more clients", "vague"),
    ("Make connections", "vague"), ("Increase sales", "vague"), ("Network more", "vague"),
    ("Meet sales trainers", "improved"), ("Talk to CFOs", "improved"), ("Meet nurses", "improved"),
    ("Meet realtors", "improved"), ("Connect with recruiters", "improved"), ("Meet plumbers", "improved"),
    ("Meet CFOs of mid-sized manufacturers in Akron", "specific"),
    ("Meet nurses at Cleveland hospitals who use Epic", "specific"),
    ("Meet realtors in Columbus who sell farms", "specific"),
    ("Meet recruiters who place engineers in Ohio", "specific"),
    ("Meet plumbers in Dayton who install heat pumps", "specific"),
    ("Meet sales trainers at software companies in Toledo", "specific"),
]
