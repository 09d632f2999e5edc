from dtikit.cli import run

run()
