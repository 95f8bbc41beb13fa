"""``python -m asistents``."""

from asistents.cli.entry import run

if __name__ == "__main__":
    run()
