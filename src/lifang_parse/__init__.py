"""lifang-parse: bilingual regulatory newsletters (PDF or text) into validated structured data.

>>> from lifang_parse import parse_file
>>> newsletter = parse_file("fixtures/text/weekly-cyber-214-2021-03.txt")
>>> newsletter.sections[0].heading.en
'Domestic News'
"""

__version__ = "0.1.0"

from lifang_parse.api import parse_file, parse_text  # noqa: E402
from lifang_parse.batch import parse_many  # noqa: E402
from lifang_parse.models import Newsletter  # noqa: E402

__all__ = ["Newsletter", "__version__", "parse_file", "parse_many", "parse_text"]
