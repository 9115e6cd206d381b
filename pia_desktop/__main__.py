from pia_desktop.cli.main import run

run()
