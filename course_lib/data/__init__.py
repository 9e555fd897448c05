"""The course's data files (YAML and CSV, every figure with its source): where they live.

>>> (DATA_DIR / "modules.yaml").is_file()
True
"""

from pathlib import Path

DATA_DIR = Path(__file__).parent
