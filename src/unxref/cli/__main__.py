from unxref.cli import run

run()
