"""``python -m uprgraph``: the same as the ``uprgraph`` command."""

from uprgraph.cli import main

main(prog_name="uprgraph")
