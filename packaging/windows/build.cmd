@echo off
rem Build PIA Desktop for Windows: folder bundle, portable ZIP and per-user installer, then check the result.
rem
rem   packaging\windows\build.cmd
rem
rem Needs: Python 3.11 (x64, the "py" launcher), Inno Setup 6 (ISCC.exe), and either internet access for pip
rem or a wheel folder: set PIP_NO_INDEX=1 and PIP_FIND_LINKS=C:\path\to\wheels (see packaging\README.md).
rem Output in dist\: pia-desktop\ (folder), PIA-Desktop-<ver>-windows-amd64-portable.zip, PIA-Desktop-<ver>-setup.exe,
rem each with a .sha256 file for the whitelisting request.
setlocal
cd /d "%~dp0\..\.."
if not exist .venv\Scripts\python.exe (
  py -3.11 -m venv .venv || exit /b 1
)
.venv\Scripts\python.exe -m pip install --disable-pip-version-check -e .[package] || exit /b 1
.venv\Scripts\python.exe packaging\build.py --force --smoke --zip --installer || exit /b 1
echo.
echo Done. See dist\
