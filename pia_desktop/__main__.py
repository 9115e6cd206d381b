import sys

from pia_desktop.cli.main import main

sys.exit(main())
