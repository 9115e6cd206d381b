"""PIA Desktop: drafting 特定個人情報保護評価書 offline."""

__version__ = "0.1.0"
APP_NAME = "PIA Desktop"
