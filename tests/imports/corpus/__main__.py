"""python -m tests.imports.corpus DIR: write the corpus into DIR (without the 50 MB file)."""

import sys
from pathlib import Path

from tests.imports.corpus import BAD, dates_three_formats, delivery_workbook, good_workbook

target = Path(sys.argv[1] if len(sys.argv) > 1 else "corpus-out")
target.mkdir(parents=True, exist_ok=True)
for build in [good_workbook, dates_three_formats, *BAD]:
    print(build(target))
# Its trainer must be a user with the trainer role on the platform it is imported into.
print(delivery_workbook(target, "trainer@example.org"))
