; PIA Desktop — per-user Windows installer (Inno Setup 6).
;
; No administrator rights: PrivilegesRequired=lowest installs into %LOCALAPPDATA%\Programs\PIA Desktop
; ({autopf} of a non-admin install), adds a Start-menu entry for the current user and registers an
; uninstaller under "アプリと機能" (HKCU). The user's drafts live elsewhere (%LOCALAPPDATA%\PIA Desktop)
; and are never touched by install, update or uninstall.
;
; Build (packaging\windows\build.cmd does all of this):
;   ISCC.exe /DAppVersion=0.1.0 /DBundleDir=..\..\dist\pia-desktop /DOutputDir=..\..\dist packaging\windows\pia-desktop.iss
; Silent install for the current user (no dialogs, no reboot):
;   PIA-Desktop-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /CURRENTUSER /LOG="%TEMP%\pia-desktop-setup.log"
; Per-machine install into Program Files instead (elevated prompt; fits AppLocker's default path rules):
;   PIA-Desktop-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /ALLUSERS
; Silent uninstall:
;   "%LOCALAPPDATA%\Programs\PIA Desktop\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; Code signing (optional): ISCC /Ssigntool="signtool.exe sign /fd sha256 /a $f" /DSignToolName=signtool …

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\pia-desktop"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#define AppName "PIA Desktop"
#define GuiExe "PIADesktop.exe"

[Setup]
; The AppId identifies the product for updates and uninstall: never change it.
AppId={{15D9A515-4CEF-42AE-B37E-982ABCBA5571}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
AppComments=特定個人情報保護評価書（重点項目評価書）の作成支援。ネットワークに接続しません。
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} セットアップ
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#GuiExe}
SetupIconFile=..\..\resources\icons\pia-desktop.ico
OutputDir={#OutputDir}
OutputBaseFilename=PIA-Desktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 uses the ICU that Windows ships as icu.dll, present from Windows 10 1903 (build 18362) on; on older
; builds (e.g. LTSC 2019 = 1809) the program cannot start, so Setup refuses them with its own message.
MinVersion=10.0.18362
; An update closes a running PIA Desktop first (Restart Manager) instead of failing on locked files.
CloseApplications=yes
RestartApplications=no
#ifdef SignToolName
SignTool={#SignToolName}
#endif

[Languages]
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the whole program folder's library part, so no module of the old version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{userdocs}"; Comment: "特定個人情報保護評価書の作成支援"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program folder. The drafts, backups and settings in %LOCALAPPDATA%\PIA Desktop stay.
Type: filesandordirs; Name: "{app}\_internal"
