"""Rewrite the counts block of data/DATASHEET.md from the data files."""

from stance.io.atomic import write_text
from stance.data import DATA_DIR
from stance.annotate.datasheet import render

if __name__ == "__main__":
    path = DATA_DIR / "DATASHEET.md"
    write_text(path, render(path))
    print(f"updated {path}")
